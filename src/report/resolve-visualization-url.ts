/**
 * The link to the public (or a self-hosted) visualization site.
 *
 * @module report/resolve-visualization-url
 */
import type { TuningResult } from '../core/types.js';
import { buildVisualizationUrl } from '../core/visualization/visualization-url.js';

/**
 * Returns the result's own visualization URL, or rebuilds it on `baseUrl`
 * (byte-compatible hash, `?currency=CNY` in China regions).
 *
 * @example
 * resolveVisualizationUrl(result, { baseUrl: 'https://charts.example.com/' });
 */
const resolveVisualizationUrl = (result: TuningResult, { baseUrl }: { baseUrl?: string | undefined } = {}): string => {
  if (baseUrl === undefined) return result.stateMachine.visualization;
  return buildVisualizationUrl({ points: result.stats, region: result.run.region, baseUrl });
};

export { resolveVisualizationUrl };
