import { includesSorted } from '../../shared/sorted-ids';

/**
 * How alike two texts' word sets are: the overlap coefficient |A ∩ B| / min(|A|, |B|), with the
 * smaller set counted as at least MIN_SET_SIZE words so that two one-word texts do not look alike.
 * The overlap coefficient (not Jaccard) because one outlet's summary is often much longer than
 * another's for the same event.
 *
 * A word set is kept as the sorted ids of its words (WordIds: each word's number in one vocabulary
 * the process shares): tracking keeps one for every story source it holds, and a Set of strings
 * costs about ten times the memory (1.5 KB a source) and a string hash per lookup. Ids are only
 * compared with ids made since the last vocabulary reset (`vocabularyGeneration`): a caller about to
 * compare sets calls `startComparing()` first, which resets a vocabulary past VOCABULARY_MAX words,
 * so that it never grows without bound and never changes while sets are being compared.
 */
export const MIN_SET_SIZE = 6;
const VOCABULARY_MAX = 500_000;

/** A word set: ids of distinct words, ascending. */
export type WordIds = Uint32Array;

let vocabulary = new Map<string, number>();
let generation = 0;

/** Changes whenever the vocabulary is reset: word ids made before are not comparable with later ones. */
export function vocabularyGeneration(): number {
  return generation;
}

/** Resets a vocabulary grown past its bound; call it before making the word sets to compare. */
export function startComparing(): void {
  if (vocabulary.size <= VOCABULARY_MAX) return;
  vocabulary = new Map();
  generation += 1;
}

export function wordIds(words: readonly string[]): WordIds {
  const ids = new Uint32Array(words.length);
  words.forEach((word, i) => {
    let id = vocabulary.get(word);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(word, id);
    }
    ids[i] = id;
  });
  ids.sort();
  // Each word once.
  let n = 0;
  for (let i = 0; i < ids.length; i += 1) if (i === 0 || ids[i] !== ids[i - 1]) ids[n++] = ids[i] as number;
  return ids.slice(0, n);
}

/** The similarity of two word sets, the words in `ignore` left out of both (party names, which every report of a deal shares). */
export function tokenSetSimilarity(a: WordIds, b: WordIds, ignore: WordIds = EMPTY): number {
  const sizeA = countKept(a, ignore);
  const sizeB = countKept(b, ignore);
  if (sizeA === 0 || sizeB === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x < y) i += 1;
    else if (x > y) j += 1;
    else {
      if (!includesSorted(ignore, x)) shared += 1;
      i += 1;
      j += 1;
    }
  }
  return shared / Math.max(Math.min(sizeA, sizeB), MIN_SET_SIZE);
}

const EMPTY: WordIds = new Uint32Array(0);

function countKept(set: WordIds, ignore: WordIds): number {
  let n = set.length;
  for (const id of ignore) if (includesSorted(set, id)) n -= 1;
  return n;
}
