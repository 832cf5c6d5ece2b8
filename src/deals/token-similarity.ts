/**
 * How alike two texts' word sets are: the overlap coefficient |A ∩ B| / min(|A|, |B|), with the
 * smaller set counted as at least MIN_SET_SIZE words so that two one-word texts do not look alike.
 * The overlap coefficient (not Jaccard) because one outlet's summary is often much longer than
 * another's for the same event.
 */
export const MIN_SET_SIZE = 6;

export function tokenSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared += 1;
  return shared / Math.max(small.size, MIN_SET_SIZE);
}
