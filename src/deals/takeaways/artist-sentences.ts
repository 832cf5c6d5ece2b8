import cueData from '../data/artist-cues.json';
import { breaksWhenNeutralised, neutraliseText } from './neutralise-text';
import { splitSentences } from '../text';
import { contentTokens } from '../text';

/**
 * Picks the sentences of an article that say what a deal means for artists, fans and their money:
 * the grounded half of the takeaways. Scoring is a weighted cue list (a data file). The headline is
 * never a candidate (the post shows it), and neither is a sentence that merely restates it.
 */

interface Cue {
  re: RegExp;
  weight: number;
  core: boolean;
}

const toCue = (c: { pattern: string; weight: number; core?: boolean }): Cue => ({
  re: new RegExp(`\\b(?:${c.pattern})(?![\\w])`, 'i'),
  weight: c.weight,
  core: c.core === true,
});

const CUES: readonly Cue[] = cueData.cues.map(toCue);
const PENALTIES: readonly Cue[] = cueData.penalties.map(toCue);
const SKIPS: readonly RegExp[] = cueData.skips.map((p) => new RegExp(p, 'i'));
const EVENT_WORDS: ReadonlySet<string> = new Set(contentTokens(cueData.eventWords.join(' ')));
/** The least score a sentence (or what is left of it after shortening) needs to be quoted. */
const MIN_ARTIST_SCORE: number = cueData.minScore;

/** Sentences shorter than this are fragments ("Now it's official."). */
const MIN_LENGTH = 30;
/** Longer "sentences" are run-on feed text (lists, unpunctuated paragraphs), not worth a cut. */
const MAX_LENGTH = 600;
/** What a sentence must add to the headline: this many content words it does not have … */
const MIN_NEW_WORDS = 3;
/** … and this share of the sentence's content words. */
const MIN_NEW_SHARE = 0.5;

export interface ScoredSentence {
  text: string;
  score: number;
  /** Position in the summary. */
  index: number;
}

/** The summary's sentences that qualify (made inert: no mentions, markdown or links), best first. */
export function pickArtistSentences(title: string, summary: string, parties: readonly string[]): ScoredSentence[] {
  const seen = new Set<string>();
  const picked: ScoredSentence[] = [];
  splitSentences(summary).forEach((raw, index) => {
    if (breaksWhenNeutralised(raw)) return;
    const text = neutraliseText(raw);
    const key = text.toLowerCase().replace(/\W+/g, ' ').trim();
    if (seen.has(key)) return;
    seen.add(key);
    const score = artistScore(text, title, parties);
    if (score !== null) picked.push({ text, score, index });
  });
  return picked.sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * How much a sentence says about artists, or null when it is not worth quoting: too short or long,
 * a question, skipped, below the minimum score, no core cue (artists, fans, their money, their
 * audience), or no more than a restatement of the headline.
 */
export function artistScore(sentence: string, title: string, parties: readonly string[]): number | null {
  if (sentence.length < MIN_LENGTH || sentence.length > MAX_LENGTH) return null;
  if (/\?["')]*$/.test(sentence)) return null;
  if (SKIPS.some((re) => re.test(sentence))) return null;
  const masked = maskParties(sentence, parties);
  let score = 0;
  let core = false;
  for (const c of CUES) {
    if (!c.re.test(masked)) continue;
    score += c.weight;
    core ||= c.core;
  }
  for (const p of PENALTIES) if (p.re.test(masked)) score -= p.weight;
  // A sentence opening on a pronoun leans on a sentence we may not show.
  if (/^(?:it|this|that|these|those|he|she)\b/i.test(sentence)) score -= 1;
  if (!core || score < MIN_ARTIST_SCORE || repeatsHeadline(sentence, title, parties)) return null;
  return score;
}

/**
 * True when a sentence adds too little to the headline: apart from the parties and the words that
 * name the deal or its reporting ("signed", "agreement", "sources said"), most of its words are the
 * headline's.
 */
export function repeatsHeadline(sentence: string, title: string, parties: readonly string[]): boolean {
  const own = (text: string) =>
    contentTokens(maskParties(text, parties).replace(/\bPARTY\b/g, ' '))
      .filter((w) => !EVENT_WORDS.has(w))
      .map(root);
  const headline = new Set(own(title));
  const words = [...new Set(own(sentence))];
  const added = words.filter((w) => !headline.has(w)).length;
  return added < MIN_NEW_WORDS || added < words.length * MIN_NEW_SHARE;
}

/** "denies" and "denied", "acquire" and "acquiring", "rumour" and "rumor" are one word here. */
function root(word: string): string {
  const w = word.replace(/our$/, 'or').replace(/ied$/, 'y');
  return w.length > 4 ? w.replace(/(?:ing|ed|es|e|s)$/, '') : w;
}

/**
 * The parties, company names with "Music" in them ("Warner Music", "Sony Music Entertainment") and
 * the words describing a company ("artist services company Believe", "the music publisher") are no
 * cue: a sentence is about artists for what it says of them, not for how it names a company.
 */
function maskParties(sentence: string, parties: readonly string[]): string {
  let s = sentence;
  for (const p of parties) {
    if (p.trim().length === 0) continue;
    s = s.replace(new RegExp(escapeRegExp(p), 'gi'), 'PARTY');
  }
  return s
    .replace(/\b[A-Z][\w&.]*(?: [A-Z][\w&.]*)* Music(?: [A-Z][\w&.]*)*/g, 'PARTY')
    .replace(DESCRIPTION_BEFORE, 'PARTY')
    .replace(DESCRIPTION_AFTER, 'PARTY');
}

const COMPANY_NOUN = `(?:${cueData.companyNouns.join('|')})`;
/** "music publisher PARTY", "artist services company PARTY". */
const DESCRIPTION_BEFORE = new RegExp(`\\b(?:[\\w&'-]+\\s+){0,3}${COMPANY_NOUN}\\s+PARTY\\b`, 'gi');
/** "PARTY, the artist services company," */
const DESCRIPTION_AFTER = new RegExp(`\\bPARTY,\\s+(?:the|a|an)\\s+(?:[\\w&'-]+\\s+){0,4}${COMPANY_NOUN}\\b`, 'gi');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const DENIALS: readonly RegExp[] = cueData.denials.map((p) => new RegExp(p, 'i'));

/** For a denied deal: the summary's own sentence that carries the denial and adds to the headline. */
export function pickDenialSentence(title: string, summary: string, parties: readonly string[]): string | null {
  return (
    splitSentences(summary)
      .filter((s) => !breaksWhenNeutralised(s))
      .map(neutraliseText)
      .find((s) => s.length >= MIN_LENGTH && DENIALS.some((re) => re.test(s)) && !repeatsHeadline(s, title, parties)) ?? null
  );
}
