import { artistScore, pickArtistSentences, pickDenialSentence } from './artist-sentences';
import { backgroundPrefix, describeCertainty } from './certainty-prefix';
import { findUngroundedNumbers } from './grounded-numbers';
import { neutraliseText } from './neutralise-text';
import { shortenSentence } from './shorten-sentence';
import { isNearDuplicate } from './takeaway-similarity';
import type { BackgroundTemplate } from './takeaway-templates';
import { renderTemplate, selectKindTemplates, selectStatusTemplates } from './takeaway-templates';
import { MAX_TAKEAWAYS, MAX_TAKEAWAY_LENGTH } from './takeaway-types';
import type { Takeaway, TakeawaySource } from './takeaway-types';
import type { Classification } from '../types';

const MAX_ARTICLE_POINTS = 2;

type Candidate = { basis: 'article'; body: string } | { basis: 'background'; body: BackgroundTemplate };

/**
 * Two to four short points on what the deal in `source` means for musicians; [] for a non-partnership.
 * Pure and deterministic. Article points are the summary's own sentences about artists, fans and
 * their money that add something to the headline; they cite the source. Background points fit the
 * kinds, the status and the parties' types (takeaway-templates.json); they are labelled as background
 * and cite nothing. No point contains a number, amount, percentage or year absent from the source's
 * title and summary (checked with findUngroundedNumbers; a failing point is dropped).
 */
export function writeTakeaways(source: TakeawaySource, classification: Classification): Takeaway[] {
  const { status, parties, kinds, unconfirmed } = classification;
  if (!classification.isPartnership || status === null) return [];
  const prefix = describeCertainty(status, unconfirmed, kinds);
  const sourceText = `${source.title}\n${source.summary}`;
  const safeParties = parties.map(neutraliseText).filter((p) => p.length > 0);

  const article = articleBodies(source, status === 'denied', parties, MAX_TAKEAWAY_LENGTH - prefix.length - 1);
  const kindPoints = selectKindTemplates(kinds, status, parties, [source.title, source.summary]);
  const background = (list: readonly BackgroundTemplate[]): Candidate[] => list.map((body) => ({ basis: 'background', body }));
  const articlePoint = (i: number): Candidate[] => (article[i] === undefined ? [] : [{ basis: 'article', body: article[i] }]);
  // Most useful first: embeds show the first two or three.
  const ordered: Candidate[] = [
    ...articlePoint(0),
    ...background(kindPoints.slice(0, 1)),
    ...articlePoint(1),
    ...background(selectStatusTemplates(status)),
    ...background(kindPoints.slice(1)),
  ];

  const out: Takeaway[] = [];
  for (const c of ordered) {
    if (out.length >= MAX_TAKEAWAYS) break;
    const text = c.basis === 'background' ? fillBackground(c.body, backgroundPrefix(prefix), safeParties, sourceText) : checked(`${prefix} ${c.body}`, sourceText);
    if (text === null || out.some((t) => isNearDuplicate(t.text, text))) continue;
    out.push(c.basis === 'article' ? cite(text, source) : { text, basis: 'background' });
  }
  return out;
}

/**
 * The summary's sentences worth quoting, shortened to fit after the prefix. What is left after a cut
 * is judged again (a cut may drop the very words about artists); a cut mid-word ranks a point lower.
 */
function articleBodies(source: TakeawaySource, denied: boolean, parties: readonly string[], room: number): string[] {
  if (denied) {
    const denial = pickDenialSentence(source.title, source.summary, parties);
    const body = denial === null ? null : shortenSentence(denial, room);
    return body === null ? [] : [body];
  }
  const scored: { body: string; score: number; rank: number }[] = [];
  pickArtistSentences(source.title, source.summary, parties).forEach((s, rank) => {
    const body = shortenSentence(s.text, room);
    if (body === null) return;
    const score = body === s.text ? s.score : artistScore(body, source.title, parties);
    if (score === null) return;
    scored.push({ body, score: /…"?$/.test(body) ? score - 1 : score, rank });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .slice(0, MAX_ARTICLE_POINTS)
    .map((s) => s.body);
}

/** Renders with the parties' names; falls back to neutral words when a name does not fit or check. */
function fillBackground(point: BackgroundTemplate, prefix: string, parties: readonly string[], sourceText: string): string | null {
  return checked(`${prefix} ${renderTemplate(point, parties)}`, sourceText) ?? checked(`${prefix} ${renderTemplate(point, null)}`, sourceText);
}

/** The point if it fits and every number in it is grounded in the source; otherwise null. */
function checked(text: string, sourceText: string): string | null {
  if (text.length > MAX_TAKEAWAY_LENGTH) return null;
  if (findUngroundedNumbers(text, sourceText).length > 0) return null;
  return text;
}

function cite(text: string, source: TakeawaySource): Takeaway {
  const out: Takeaway = { text, basis: 'article' };
  if (source.link !== undefined) out.sourceLink = source.link;
  if (source.sourceName !== undefined) out.sourceName = source.sourceName;
  return out;
}
