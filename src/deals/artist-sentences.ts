import cueData from './data/artist-cues.json';
import { neutraliseText } from './neutralise-text';
import { splitSentences } from './split-sentences';

/**
 * Picks the sentences of an article that say something about artists, fans, royalties, exposure or
 * catalogues: the grounded half of the takeaways. Scoring is a weighted cue list (a data file).
 */

interface Cue {
  re: RegExp;
  weight: number;
}

const toCue = (c: { pattern: string; weight: number }): Cue => ({
  re: new RegExp(`\\b(?:${c.pattern})(?![\\w])`, 'i'),
  weight: c.weight,
});

const CUES: readonly Cue[] = cueData.cues.map(toCue);
const PENALTIES: readonly Cue[] = cueData.penalties.map(toCue);
const SKIPS: readonly RegExp[] = cueData.skips.map((p) => new RegExp(p, 'i'));
/** The least score a sentence (or what is left of it after shortening) needs to be quoted. */
export const MIN_ARTIST_SCORE: number = cueData.minScore;

/** Sentences shorter than this are fragments ("Now it's official."). */
const MIN_LENGTH = 30;
/** Longer "sentences" are run-on feed text (lists, unpunctuated paragraphs), not worth a cut. */
const MAX_LENGTH = 600;

export interface ScoredSentence {
  text: string;
  score: number;
  /** Position in the article: -1 for the title, then the summary's sentences in order. */
  index: number;
}

/** The article's sentences that qualify (made inert: no mentions, markdown or links), best first. */
export function pickArtistSentences(title: string, summary: string, parties: readonly string[]): ScoredSentence[] {
  const candidates: { text: string; index: number }[] = [];
  const cleanTitle = neutraliseText(title);
  if (!isHeadlineCase(cleanTitle)) candidates.push({ text: cleanTitle, index: -1 });
  splitSentences(summary).forEach((text, index) => candidates.push({ text: neutraliseText(text), index }));
  const seen = new Set<string>();
  const picked: ScoredSentence[] = [];
  for (const c of candidates) {
    const key = c.text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (seen.has(key)) continue;
    seen.add(key);
    const score = scoreSentence(c.text, parties);
    if (score >= MIN_ARTIST_SCORE) picked.push({ ...c, score });
  }
  // Ties go to the summary, in order; the headline comes last.
  const order = (s: ScoredSentence): number => (s.index < 0 ? Number.MAX_SAFE_INTEGER : s.index);
  return picked.sort((a, b) => b.score - a.score || order(a) - order(b));
}

/** How much a sentence says about artists; -Infinity for sentences never worth quoting. */
export function scoreSentence(sentence: string, parties: readonly string[]): number {
  if (sentence.length < MIN_LENGTH || sentence.length > MAX_LENGTH) return -Infinity;
  if (/\?["')]*$/.test(sentence)) return -Infinity;
  if (SKIPS.some((re) => re.test(sentence))) return -Infinity;
  const masked = maskParties(sentence, parties);
  let score = 0;
  for (const c of CUES) if (c.re.test(masked)) score += c.weight;
  for (const p of PENALTIES) if (p.re.test(masked)) score -= p.weight;
  // A sentence opening on a pronoun leans on a sentence we may not show.
  if (/^(?:it|this|that|these|those|he|she)\b/i.test(sentence)) score -= 1;
  return score;
}

function maskParties(sentence: string, parties: readonly string[]): string {
  let s = sentence;
  for (const p of parties) {
    if (p.trim().length === 0) continue;
    s = s.replace(new RegExp(escapeRegExp(p), 'gi'), 'PARTY');
  }
  // Company names are often written with "Music" in them ("Warner Music", "Sony Music Entertainment").
  return s.replace(/\b[A-Z][\w&.]*(?: [A-Z][\w&.]*)* Music(?: [A-Z][\w&.]*)*/g, 'PARTY');
}

/** "Uber Teams Up With Spotify So Passengers Can Play" reads badly as a sentence. */
function isHeadlineCase(title: string): boolean {
  const words = title.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w) && w.length > 3);
  if (words.length < 3) return true;
  const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
  return capitalised / words.length > 0.6;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const DENIALS: readonly RegExp[] = cueData.denials.map((p) => new RegExp(p, 'i'));

/** For a denied deal: the article's own sentence that carries the denial (summary first, then title). */
export function pickDenialSentence(title: string, summary: string): string | null {
  const candidates = [...splitSentences(summary), title].map(neutraliseText);
  return candidates.find((s) => s.length >= MIN_LENGTH && DENIALS.some((re) => re.test(s))) ?? null;
}
