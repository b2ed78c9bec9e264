// Needs its npm dependencies (ms, escape-html), the shared local module and
// data/greetings.json: it fails at init when any of them was not packaged.
import { readFileSync } from 'node:fs';
import ms from 'ms';
import { renderGreeting } from './shared/render.mjs';

const greetings = JSON.parse(readFileSync(new URL('../data/greetings.json', import.meta.url), 'utf8'));

export const handler = async (event) => {
  event = event ?? {};
  const language = event.language ?? 'en';
  return {
    html: renderGreeting({ name: event.name ?? '<world>', greeting: greetings[language] ?? greetings.en }),
    cacheFor: ms(event.cacheFor ?? '2 days'),
  };
};
