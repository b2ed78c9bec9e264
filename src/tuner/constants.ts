/**
 * Constants of a tuning run.
 *
 * @module tuner/constants
 */

/** Uncounted warm-up invocations per size in serial mode when `warmup` is not given. */
const DEFAULT_SERIAL_WARMUP = 1;

/** Region a plan assumes (for prices and S3 payloads) when neither the target, its ARN nor the environment names one. */
const DEFAULT_REGION = 'us-east-1';

/** Random base36 characters appended to the time part of a run id. */
const RUN_ID_RANDOM_CHARS = 4;
/** Width of the base36 millisecond timestamp (9 chars last until the year 5188). */
const RUN_ID_TIME_CHARS = 9;
const BASE36 = 36;

/** How much of an error payload or processor output is quoted in a message. */
const MAX_QUOTED_CHARS = 300;

/** What replaces payload text in messages when `disablePayloadLogs` is set. */
const HIDDEN_PAYLOAD = '<payload hidden>';

/** Payloads shorter than this are not searched for in error messages (too likely to match by chance). */
const MIN_REDACTED_PAYLOAD_CHARS = 4;

/** Folder under the state directory that holds one journal file per run. */
const JOURNAL_DIR = 'runs';
const JOURNAL_EXTENSION = '.jsonl';

/** Lambda refuses a memory size for this account (e.g. above a 3008 MB cap): that size fails, the run goes on. */
const SIZE_REFUSED_CODES: readonly string[] = ['InvalidParameterValueException'];

/** Counted invocations per size the "exhaustive sweep" of `run.search.exhaustiveEquivalent` assumes with `num: 'auto'` (the CLI's default num). */
const EXHAUSTIVE_DEFAULT_NUM = 10;

export {
  BASE36,
  EXHAUSTIVE_DEFAULT_NUM,
  SIZE_REFUSED_CODES,
  DEFAULT_REGION,
  DEFAULT_SERIAL_WARMUP,
  HIDDEN_PAYLOAD,
  JOURNAL_DIR,
  JOURNAL_EXTENSION,
  MAX_QUOTED_CHARS,
  MIN_REDACTED_PAYLOAD_CHARS,
  RUN_ID_RANDOM_CHARS,
  RUN_ID_TIME_CHARS,
};
