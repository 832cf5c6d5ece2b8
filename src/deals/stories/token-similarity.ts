/**
 * How alike two texts' word sets are: the overlap coefficient |A ∩ B| / min(|A|, |B|), with the
 * smaller set counted as at least MIN_SET_SIZE words so that two one-word texts do not look alike.
 * The overlap coefficient (not Jaccard) because one outlet's summary is often much longer than
 * another's for the same event.
 */
export const MIN_SET_SIZE = 6;

export function tokenSetSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>, ignore?: ReadonlySet<string>): number {
  const sizeA = countKept(a, ignore);
  const sizeB = countKept(b, ignore);
  if (sizeA === 0 || sizeB === 0) return 0;
  const [small, large] = sizeA <= sizeB ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token) && !ignore?.has(token)) shared += 1;
  return shared / Math.max(Math.min(sizeA, sizeB), MIN_SET_SIZE);
}

/** The size of a set without the ignored words (party names, which every report of a deal shares). */
function countKept(set: ReadonlySet<string>, ignore: ReadonlySet<string> | undefined): number {
  if (ignore === undefined) return set.size;
  let n = 0;
  for (const token of set) if (!ignore.has(token)) n += 1;
  return n;
}
