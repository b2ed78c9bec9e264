// A local TypeScript module: imported with a .js specifier, as Node.js ESM wants.
import ms from 'ms';

export interface Budget {
  label: string;
  milliseconds: number;
}

export const parseBudget = (label: string): Budget => {
  const milliseconds = ms(label);
  if (typeof milliseconds !== 'number' || Number.isNaN(milliseconds)) throw new Error(`not a duration: ${label}`);
  return { label, milliseconds };
};
