/**
 * aws-local-stepfunctions 3 calls `Promise.withResolvers` (Node 22+); this
 * is the one-line polyfill for Node 20. Import it before running a machine.
 */
type Resolvers<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };

const withResolvers = <T>(): Resolvers<T> => {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

const target = Promise as unknown as { withResolvers?: typeof withResolvers };
target.withResolvers ??= withResolvers;

export {};
