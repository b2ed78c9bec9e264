/**
 * Keeps track, in memory, of what a run created — fed by the same change
 * records the journal receives, so cleanup and journal never disagree.
 *
 * @module tuner/run-ledger
 */
import type { ChangeRecord, ChangeRecorder } from '../lambda/index.js';
import { ledgerFromEntries } from './journal.js';
import type { Journal, RunLedger } from './types.js';

/**
 * Creates a recorder that writes each change to the journal first, then
 * remembers it; `ledger()` returns what was recorded so far.
 *
 * @example
 * const tracker = createRunLedger({ journal });
 * await prepareSize({ plan, power, lambda, recorder: tracker.recorder });
 * await cleanupRun({ plan, lambda, ledger: tracker.ledger() });
 */
const createRunLedger = ({ journal }: { journal?: Journal } = {}): {
  recorder: ChangeRecorder;
  ledger: () => RunLedger;
} => {
  const changes: ChangeRecord[] = [];
  return {
    recorder: {
      record: async (change) => {
        await journal?.record(change);
        changes.push(change);
      },
    },
    ledger: () => {
      const { aliases, versions, setByRun, applied } = ledgerFromEntries(changes);
      return { aliases, versions, setByRun, ...(applied === true ? { applied } : {}) };
    },
  };
};

export { createRunLedger };
