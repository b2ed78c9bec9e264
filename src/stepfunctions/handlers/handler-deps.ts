/**
 * What the handlers need from the world — the Lambda port, an S3 payload
 * source, the environment and a clock — injectable for tests, and built once
 * per container (module scope, lazily) in production.
 *
 * @module stepfunctions/handlers/handler-deps
 */
import { createS3PayloadSource, createSdkLambdaPort, type LambdaPort, type PayloadSource } from '../../lambda/index.js';

/** The part of the Lambda `Context` the handlers use. */
interface HandlerContext {
  getRemainingTimeInMillis(): number;
}

interface HandlerDeps {
  /** The Lambda port for a region (the tuned function may live in another region than the handler). */
  lambdaFor(region: string | undefined): LambdaPort;
  /** Reads `payloadS3` objects. */
  payloadSourceFor(region: string | undefined): PayloadSource;
  env: Record<string, string | undefined>;
  now(): Date;
}

/**
 * Builds the production dependencies: SDK clients cached per region, so a
 * warm container reuses its connections.
 *
 * @example
 * const deps = createHandlerDeps();
 * const lambda = deps.lambdaFor('eu-west-1');
 */
const createHandlerDeps = ({ env = process.env }: { env?: Record<string, string | undefined> } = {}): HandlerDeps => {
  const ports = new Map<string, LambdaPort>();
  const sources = new Map<string, PayloadSource>();
  return {
    lambdaFor: (region) => {
      const key = region ?? '';
      let port = ports.get(key);
      if (port === undefined) {
        port = createSdkLambdaPort({ ...(region !== undefined ? { region } : {}), env });
        ports.set(key, port);
      }
      return port;
    },
    payloadSourceFor: (region) => {
      const key = region ?? '';
      let source = sources.get(key);
      if (source === undefined) {
        source = createS3PayloadSource({ ...(region !== undefined ? { region } : {}) });
        sources.set(key, source);
      }
      return source;
    },
    env,
    now: () => new Date(),
  };
};

let containerDeps: HandlerDeps | undefined;

/**
 * The container's dependencies, created on first use.
 *
 * @example
 * export const handler = (event, context) => prepare(event, context, defaultHandlerDeps());
 */
const defaultHandlerDeps = (): HandlerDeps => {
  containerDeps ??= createHandlerDeps();
  return containerDeps;
};

export { createHandlerDeps, defaultHandlerDeps };
export type { HandlerContext, HandlerDeps };
