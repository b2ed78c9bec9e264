/**
 * Whether to colour terminal output (https://no-color.org, FORCE_COLOR).
 *
 * @module report/should-use-color
 */

/**
 * `NO_COLOR` set and non-empty → no colour; else `FORCE_COLOR` set (and not
 * `0`/`false`) → colour; else colour only on a TTY.
 *
 * @example
 * shouldUseColor({ stream: process.stdout, env: process.env });
 */
const shouldUseColor = ({
  stream,
  env = process.env,
}: {
  stream: { isTTY?: boolean };
  env?: Readonly<Record<string, string | undefined>>;
}): boolean => {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.isTTY === true;
};

export { shouldUseColor };
