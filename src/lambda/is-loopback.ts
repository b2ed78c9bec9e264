/**
 * Whether an endpoint URL points at this machine (the local emulator).
 *
 * @module lambda/is-loopback
 */

/** Host names of the loopback interface (`URL` writes IPv6 hosts in brackets). */
const LOOPBACK_NAMES: readonly string[] = ['localhost', '[::1]', '::1'];
/** The whole IPv4 loopback block 127.0.0.0/8 (`URL` normalizes short forms such as `127.1`). */
const LOOPBACK_IPV4 = /^127\.\d+\.\d+\.\d+$/;

/**
 * True when `endpoint` is a URL whose host is a loopback address: `localhost`,
 * anything in 127.0.0.0/8, or `::1`. False for anything else, including a
 * value that is not a URL. The emulator's own check (`emulator/http-server`)
 * accepts the same hosts; the import rules keep them two copies.
 *
 * @example
 * isLoopback('http://127.0.0.2:9001'); // true
 * isLoopback('https://lambda.us-east-1.amazonaws.com'); // false
 */
const isLoopback = (endpoint: string): boolean => {
  try {
    const { hostname } = new URL(endpoint);
    return LOOPBACK_NAMES.includes(hostname) || LOOPBACK_IPV4.test(hostname);
  } catch {
    return false;
  }
};

export { isLoopback };
