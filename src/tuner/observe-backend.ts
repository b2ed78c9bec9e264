/**
 * Which service a run measured on: the local Lambda service says so in a
 * response header on every Invoke (`x-powertune-emulator`, read by the
 * Lambda port into `InvokeOutcome.localService`); AWS does not. A run
 * records it whether it reached the service embedded or through
 * `--endpoint-url`.
 *
 * @module tuner/observe-backend
 */
import type { RunFacts } from '../core/index.js';
import type { LambdaPort, LocalServiceInfo } from '../lambda/index.js';

type CpuModelFacts = NonNullable<RunFacts['cpuModel']>;

/** CPU models the local service names at the start of its description, longest first. */
const CPU_MODELS: ReadonlyArray<CpuModelFacts['model']> = ['cgroup-corrected', 'virtual-time', 'cgroup'];

/** A Lambda port that remembers what the local service said, and that remembrance. */
interface ObservedPort {
  lambda: LambdaPort;
  /** The first `localService` an Invoke returned, if any did. */
  localService(): LocalServiceInfo | undefined;
}

/**
 * Wraps a port so that its Invoke answers are watched for the local
 * service's header. Every other call goes to the port unchanged.
 *
 * @example
 * const observed = observeBackend(lambda);
 * await observed.lambda.invoke({ functionName: 'fn' });
 * observed.localService(); // { description: 'virtual-time (…), 2 host cores' } on the local service
 */
const observeBackend = (lambda: LambdaPort): ObservedPort => {
  let seen: LocalServiceInfo | undefined;
  const invoke: LambdaPort['invoke'] = async (request) => {
    const outcome = await lambda.invoke(request);
    if (seen === undefined && outcome.localService !== undefined) seen = outcome.localService;
    return outcome;
  };
  const wrapped = new Proxy(lambda, {
    get: (target, property) => {
      if (property === 'invoke') return invoke;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { lambda: wrapped, localService: () => seen };
};

/**
 * `run.backend` and `run.cpuModel` of a run: `emulator (<description>)`
 * when the local service answered, else `fallback` (`aws` unless the caller
 * knows better). The CPU model is the one the caller knows (the embedded
 * service, with its reason), else the one the description starts with.
 *
 * @example
 * describeBackend({ localService: { description: 'virtual-time (durations scaled by CPU time), 2 host cores' }, fallback: 'aws' });
 * // { backend: 'emulator (virtual-time (durations scaled by CPU time), 2 host cores)', cpuModel: { model: 'virtual-time', reason: '…' } }
 */
const describeBackend = ({
  localService,
  fallback,
  cpuModel,
}: {
  localService: LocalServiceInfo | undefined;
  fallback: string;
  cpuModel?: CpuModelFacts | undefined;
}): { backend: string; cpuModel?: CpuModelFacts } => {
  if (localService === undefined) return { backend: fallback, ...(cpuModel === undefined ? {} : { cpuModel }) };
  const { description } = localService;
  // The model is the description's first word: `virtual-time: …`, `cgroup (…)`, `cgroup-corrected, …`.
  const named = CPU_MODELS.find(
    (model) =>
      description === model || (description.startsWith(model) && /^[\s:,(]/u.test(description.slice(model.length))),
  );
  const model =
    cpuModel ??
    (named === undefined
      ? undefined
      : { model: named, reason: `reported by the local Lambda service: ${description}` });
  return { backend: `emulator (${description})`, ...(model === undefined ? {} : { cpuModel: model }) };
};

export { describeBackend, observeBackend };
export type { ObservedPort };
