import { MIN_ARTIST_SCORE, pickArtistSentences, pickDenialSentence, scoreSentence } from './artist-sentences';
import { describeCertainty } from './certainty-prefix';
import { findUngroundedNumbers } from './grounded-numbers';
import { neutraliseText } from './neutralise-text';
import { shortenSentence } from './shorten-sentence';
import { isNearDuplicate } from './takeaway-similarity';
import { renderTemplate, selectKindTemplates, selectStatusTemplates } from './takeaway-templates';
import { MAX_TAKEAWAYS, MAX_TAKEAWAY_LENGTH } from './takeaway-types';
import type { Takeaway, TakeawaySource } from './takeaway-types';
import type { Classification } from './types';

const MAX_ARTICLE_POINTS = 2;

/**
 * Two to four short points on what the deal in `source` means for musicians; [] for a non-partnership.
 * Pure and deterministic. No point contains a number, amount, percentage or year absent from the
 * source's title and summary (checked with findUngroundedNumbers; a failing point is dropped).
 */
export function writeTakeaways(source: TakeawaySource, classification: Classification): Takeaway[] {
  const { status, parties, kinds, unconfirmed } = classification;
  if (!classification.isPartnership || status === null) return [];
  const prefix = describeCertainty(status, unconfirmed, kinds);
  const sourceText = `${source.title}\n${source.summary}`;
  const room = MAX_TAKEAWAY_LENGTH - prefix.length - 1;
  const safeParties = parties.map(neutraliseText).filter((p) => p.length > 0);

  const article = articleBodies(source, status === 'denied', parties, room);
  const kindPoints = selectKindTemplates(kinds, status);
  const statusPoints = selectStatusTemplates(status);
  // Most useful first: embeds show the first two or three.
  const ordered: Candidate[] = [
    ...take(article, 0, 'article'),
    ...take(kindPoints, 0, 'template'),
    ...take(article, 1, 'article'),
    ...statusPoints.map((t) => ({ body: t, basis: 'template' as const })),
    ...kindPoints.slice(1).map((t) => ({ body: t, basis: 'template' as const })),
  ];

  const out: Takeaway[] = [];
  for (const c of ordered) {
    if (out.length >= MAX_TAKEAWAYS) break;
    const text = c.basis === 'template' ? fillTemplate(c.body, prefix, safeParties, sourceText) : checked(`${prefix} ${c.body}`, sourceText);
    if (text === null || out.some((t) => isNearDuplicate(t.text, text))) continue;
    out.push(cite({ text, basis: c.basis }, source));
  }
  return out;
}

interface Candidate {
  body: string;
  basis: 'article' | 'template';
}

function take(list: readonly string[], i: number, basis: Candidate['basis']): Candidate[] {
  const body = list[i];
  return body === undefined ? [] : [{ body, basis }];
}

/**
 * The article's sentences worth quoting, shortened to fit after the prefix. What is left after a cut
 * is scored again (a cut may drop the very words about artists); a cut mid-word ranks a point lower.
 */
function articleBodies(source: TakeawaySource, denied: boolean, parties: readonly string[], room: number): string[] {
  if (denied) {
    const denial = pickDenialSentence(source.title, source.summary);
    const body = denial === null ? null : shortenSentence(denial, room);
    return body === null ? [] : [body];
  }
  const scored: { body: string; score: number; rank: number }[] = [];
  pickArtistSentences(source.title, source.summary, parties).forEach((s, rank) => {
    const body = shortenSentence(s.text, room);
    if (body === null) return;
    const score = body === s.text ? s.score : scoreSentence(body, parties);
    if (score < MIN_ARTIST_SCORE) return;
    scored.push({ body, score: /…"?$/.test(body) ? score - 1 : score, rank });
  });
  return scored
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .slice(0, MAX_ARTICLE_POINTS)
    .map((s) => s.body);
}

/** Renders with the parties' names; falls back to a neutral phrase when a name does not fit or check. */
function fillTemplate(template: string, prefix: string, parties: readonly string[], sourceText: string): string | null {
  return (
    checked(`${prefix} ${renderTemplate(template, parties)}`, sourceText) ??
    checked(`${prefix} ${renderTemplate(template, null)}`, sourceText)
  );
}

/** The point if it fits and every number in it is grounded in the source; otherwise null. */
function checked(text: string, sourceText: string): string | null {
  if (text.length > MAX_TAKEAWAY_LENGTH) return null;
  if (findUngroundedNumbers(text, sourceText).length > 0) return null;
  return text;
}

function cite(t: Takeaway, source: TakeawaySource): Takeaway {
  const out: Takeaway = { ...t };
  if (source.link !== undefined) out.sourceLink = source.link;
  if (source.sourceName !== undefined) out.sourceName = source.sourceName;
  return out;
}
