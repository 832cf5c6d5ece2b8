import { isTerminalStatus } from '../timeline';
import type { DealStatus } from '../types';
import { contentTokens } from '../text';
import type { Story, StorySource } from '../tracking-types';
import type { WordIds } from './token-similarity';
import { startComparing, tokenSetSimilarity, vocabularyGeneration, wordIds } from './token-similarity';

/**
 * Whether a new report joins an existing story (the same event from another outlet).
 *
 * All of:
 * - parties: the same set as the story's deal, or at least two in common;
 * - time: within STORY_WINDOW_HOURS of one of the story's sources, and within STORY_MAX_SPAN_DAYS of
 *   its first and its last. The span equals the window on purpose: then any two sources of a story are within
 *   the window of each other, so a report from a feed one server cannot see can never chain two of
 *   that server's reports into one story (which would turn its second post into a silent edit);
 * - the same kind of news: a denial or an ending is never the same event as the talks or the deal
 *   it denies or ends, nor is a signed deal the same event as the talks before it, nor its launch
 *   the same as its announcement (each is a status change, posted on its own); a rumour and a
 *   report of talks are often the same event told with more or less certainty;
 * - similar wording: token-set similarity of title + summary (party names left out) at least
 *   STORY_SIMILARITY with one source, OR the same status and at least one kind in common.
 * A report with the same canonical link as a source is the same article: it always joins.
 *
 * Calibration (../shared/corpus/deals-dev.jsonl): pairs of items about the same event from two
 * outlets score 0.17 to 0.52 (median about 0.27); the ones under 0.2 share status and kind. Reports of
 * different events of the same parties inside 72 hours differ in status family (rumour, then denial).
 */
export const STORY_WINDOW_HOURS = 72;
export const STORY_MAX_SPAN_DAYS = STORY_WINDOW_HOURS / 24;
export const STORY_SIMILARITY = 0.2;

const HOUR_MS = 3_600_000;

/** Sources are immutable values: their words are worked out once (again only after a vocabulary reset). */
const wordsOf = new WeakMap<StorySource, { generation: number; words: WordIds }>();

function sourceWords(source: StorySource): WordIds {
  const known = wordsOf.get(source);
  if (known !== undefined && known.generation === vocabularyGeneration()) return known.words;
  const words = wordIds(contentTokens(`${source.title} ${source.summary}`));
  wordsOf.set(source, { generation: vocabularyGeneration(), words });
  return words;
}

/** Deals and reports have two or more parties, so "the same set" is a case of "two in common". */
export function partiesOverlap(dealParties: readonly string[], parties: readonly string[]): boolean {
  const a = new Set(dealParties);
  let shared = 0;
  for (const party of new Set(parties)) if (a.has(party)) shared += 1;
  return shared >= 2;
}

/** A score (higher is a better match) or null when the source does not belong to the story. */
export function scoreStoryMatch(story: Story, dealParties: readonly string[], source: StorySource): number | null {
  if (source.link !== undefined && story.sources.some((s) => s.link === source.link)) return 10;
  if (!partiesOverlap(dealParties, source.parties)) return null;

  const at = Date.parse(source.at);
  const nearestHours = Math.min(...story.sources.map((s) => Math.abs(Date.parse(s.at) - at))) / HOUR_MS;
  if (nearestHours > STORY_WINDOW_HOURS) return null;
  // Within the span of the first AND the last source: every pair of a story's sources stays within it.
  const span = STORY_MAX_SPAN_DAYS * 24 * HOUR_MS;
  if (Math.abs(at - Date.parse(story.firstSeen)) > span || Math.abs(at - Date.parse(story.lastUpdated)) > span) return null;
  if (eventFamily(source.status) !== eventFamily(story.status)) return null;

  startComparing();
  const mine = sourceWords(source);
  const partyWords = wordIds([...story.parties, ...source.parties].flatMap((p) => contentTokens(p)));
  const similarity = Math.max(...story.sources.map((s) => tokenSetSimilarity(mine, sourceWords(s), partyWords)));
  const sameStatusAndKind = story.sources.some(
    (s) => s.status === source.status && s.kinds.some((k) => source.kinds.includes(k)),
  );
  if (similarity < STORY_SIMILARITY && !sameStatusAndKind) return null;
  return similarity + (sameStatusAndKind ? 0.25 : 0) - nearestHours / 1000;
}

/** Reports in one family can be one event; a report from another family is news of its own. */
function eventFamily(status: DealStatus): string {
  if (isTerminalStatus(status)) return 'over';
  return status === 'rumored' || status === 'in_talks' ? 'talks' : status;
}
