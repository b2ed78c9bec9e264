// Needs its npm dependency (ms) and the local module: it fails when either is missing.
import { parseBudget } from './lib/duration.js';
import type { Budget } from './lib/duration.js';

interface Event {
  budget?: string;
  fail?: boolean;
}

export const handler = async (input: Event | null): Promise<Budget> => {
  const event = input ?? {};
  if (event.fail === true) throw new Error('failing on request');
  return parseBudget(event.budget ?? '1.5 hours');
};
