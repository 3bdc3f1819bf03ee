// "Did you mean …?": the closest known name to a misspelt one, in bounded time.

/** Words (and candidates) longer than this get no suggestion: nobody mistypes a 4 MiB key. */
export const MAX_SUGGEST_LENGTH = 64;

type Rows = [Uint32Array, Uint32Array, Uint32Array];
// Reused between calls: a suggestion compares one word with many candidates.
let rows: Rows = [new Uint32Array(72), new Uint32Array(72), new Uint32Array(72)];

/**
 * Edit distance (insert, delete, substitute, swap adjacent) between two strings, or `limit` when it is
 * `limit` or more. Three rolling rows; gives up as soon as a whole row reaches the limit.
 */
export function distance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [0, 1, 2].map(() => new Uint32Array(cols * 2)) as Rows;
  let [before, previous, current] = rows;
  for (let j = 0; j < cols; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, before[j - 2]! + 1);
      }
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin >= limit) return limit;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, limit);
}

/** Most word–candidate comparisons one load makes for suggestions (about 0.25 s at worst). */
export const MAX_COMPARISONS = 500_000;

/** Suggests the closest name; shares one comparison budget, after which it suggests nothing. */
export type DidYouMean = (word: string, candidates: Iterable<string>) => string | null;

/** A "did you mean" for one load: later suggestions are dropped once `budget` comparisons are spent. */
export function suggester(budget = MAX_COMPARISONS): DidYouMean {
  const spent = { comparisons: 0, budget };
  return (word, candidates) => {
    const match = closest(word, candidates, spent);
    return match === null ? null : `did you mean \`${match}\`?`;
  };
}

/** The candidate closest to `word` when it is close enough to be a likely typo, else null. */
export function closest(
  word: string,
  candidates: Iterable<string>,
  spent = { comparisons: 0, budget: Number.POSITIVE_INFINITY },
): string | null {
  if (word.length > MAX_SUGGEST_LENGTH) return null;
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    if (spent.comparisons++ >= spent.budget) return null;
    if (candidate === word || candidate.length > MAX_SUGGEST_LENGTH) continue;
    const d = distance(lower, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** "did you mean `x`?" or null, for a short list of candidates (no shared budget). */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const match = closest(word, candidates);
  return match === null ? null : `did you mean \`${match}\`?`;
}
