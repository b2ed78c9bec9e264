/**
 * A line diff of two texts for `apply` (what it changes, or would change).
 *
 * @module report/fleet/render-line-diff
 */

/** Context lines kept around each change. */
const CONTEXT = 2;

/**
 * Lines of `before` and `after` in unified style: `-` removed (numbered as
 * in `before`), `+` added and context (numbered as in `after`), two lines of
 * context; '' when equal.
 *
 * @example
 * renderLineDiff({ before: 'a\nb\n', after: 'a\nc\n', label: 'template.yaml' });
 */
const renderLineDiff = ({ before, after, label }: { before: string; after: string; label: string }): string => {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence table (templates are small: a few hundred lines).
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lcs[i] as number[];
      row[j] = a[i] === b[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const ops: Array<{ kind: ' ' | '-' | '+'; text: string; line: number }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ kind: ' ', text: a[i] ?? '', line: j + 1 });
      i += 1;
      j += 1;
    } else if (i < a.length && (j >= b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      ops.push({ kind: '-', text: a[i] ?? '', line: i + 1 });
      i += 1;
    } else {
      ops.push({ kind: '+', text: b[j] ?? '', line: j + 1 });
      j += 1;
    }
  }
  const keep = ops.map((op, k) => ops.slice(Math.max(0, k - CONTEXT), k + CONTEXT + 1).some((o) => o.kind !== ' '));
  const lines = [`--- ${label}`, `+++ ${label}`];
  ops.forEach((op, k) => {
    if (!keep[k]) {
      if (keep[k - 1] === true) lines.push('…');
      return;
    }
    lines.push(`${op.kind}${String(op.line).padStart(5)} | ${op.text}`);
  });
  return `${lines.join('\n')}\n`;
};

export { renderLineDiff };
