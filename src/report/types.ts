/**
 * Types of the report renderers: options, derived table rows and the chart
 * spec the HTML page's script draws.
 *
 * @module report/types
 */
import type { PowerStats } from '../core/types.js';

/** Options shared by the renderers that print run facts and the link. */
interface CommonReportOptions {
  /**
   * Show the function's name in run facts. Off by default so that a report
   * can be shared outside the team; the ARN and account id are never shown.
   */
  includeFunctionName?: boolean;
  /**
   * Base URL of a self-hosted copy of the visualization site. When set the
   * link is rebuilt from `result.stats` on this base; otherwise
   * `result.stateMachine.visualization` is used as is.
   */
  visualizationBaseUrl?: string;
}

/** Options of {@link renderHtmlReport}. */
interface HtmlReportOptions extends CommonReportOptions {
  /** Page title and main heading; default "Lambda power tuning report". */
  title?: string;
  /** When the report was generated (footer); default: now. */
  generatedAt?: Date;
}

/** Options of {@link renderTerminalReport}. */
interface TerminalReportOptions extends CommonReportOptions {
  /** Columns available; default 80, at least 60. */
  width?: number;
  /** Emit ANSI colours (decide with `shouldUseColor`); default false. */
  color?: boolean;
}

/** Options of {@link renderCsv}. */
interface CsvOptions {
  /** One row per memory size (default) or one per counted invocation. */
  per?: 'size' | 'invocation';
}

/** One memory size with the values every renderer shows, relative to the baseline. */
interface SizeRow {
  stats: PowerStats;
  memoryMB: number;
  failed: boolean;
  recommended: boolean;
  /** In the recommendation's tie band (statistically the same for the strategy), but not the recommended size. */
  tied: boolean;
  /** The size others are compared with: the smallest size that succeeded. */
  baseline: boolean;
  /** Baseline average duration / this size's average duration (undefined when failed). */
  speedUp?: number;
  /** (this price − baseline price) / baseline price (undefined when failed). */
  costChange?: number;
}

/** The rows of a result plus the baseline they are relative to. */
interface SizeTable {
  rows: SizeRow[];
  baselineMB?: number;
}

/** A measured point of one run, with labels preformatted for the browser. */
interface ChartPoint {
  x: number;
  avg: number;
  p50: number;
  p95: number;
  cost: number;
  perMillion: number;
  labels: { avg: string; p50: string; p95: string; cost: string; perMillion: string };
}

/** One run as the browser chart draws it. */
interface ChartRun {
  label: string;
  /** The recommended size; null when no size meets the constraints (then nothing is marked). */
  recommended: number | null;
  /** The sizes tied with the recommendation (shaded), if any. */
  tieBand: { lowMB: number; highMB: number; percent: number } | null;
  points: ChartPoint[];
  failed: Array<{ x: number; reason: string }>;
}

/** Everything `report-client.js` needs; serialised into the page as JSON. */
interface ChartSpec {
  kind: 'single' | 'compare';
  durationScale: 'linear' | 'logarithmic';
  currency: { code: string; symbol: string };
  runs: ChartRun[];
}

export type {
  ChartPoint,
  ChartRun,
  ChartSpec,
  CommonReportOptions,
  CsvOptions,
  HtmlReportOptions,
  SizeRow,
  SizeTable,
  TerminalReportOptions,
};

/** One memory size in a comparison of two runs (either side may be missing). */
interface ComparisonRow {
  memoryMB: number;
  a?: PowerStats;
  b?: PowerStats;
  /** (b − a) / a of the average duration, when both succeeded. */
  durationChange?: number;
  /** (b − a) / a of the price per invocation, when both succeeded. */
  costChange?: number;
  recommendedA: boolean;
  recommendedB: boolean;
}

/** What {@link compareResults} returns. */
interface Comparison {
  labelA: string;
  labelB: string;
  /** The differences in plain sentences, most important first. */
  sentences: string[];
  rows: ComparisonRow[];
}

export type { Comparison, ComparisonRow };
