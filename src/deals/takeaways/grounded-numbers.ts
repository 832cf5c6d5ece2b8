/**
 * The "never a number the sources do not contain" check for takeaways.
 *
 * Every numeric mention in a text (a digit sequence with its currency, scale and percent sign, e.g.
 * "$2.2 billion", "US$3.5B", "40 per cent", "2019", "Q4") and every spelled-out number word
 * ("three", "dozens") must be backed by the same mention in the source text. A mention is backed when
 * the source has the same number with the same scale and percent-ness, and the same currency unless
 * the text drops the currency. "$2.2" is NOT backed by "$2.2 billion", and "40" is not backed by "400".
 */

interface NumericMention {
  raw: string;
  currency: string;
  value: string;
  scale: string;
  percent: boolean;
}

const CURRENCY = String.raw`(?:(?:US|A|C|NZ|HK)?\$|€|£|¥|\b(?:USD|EUR|GBP|JPY|CHF|SEK|AUD|CAD)\s?)`;
const VALUE = String.raw`\d+(?:,\d{3}(?!\d))*(?:\.\d+)?`;
const SCALE = String.raw`(?:\s?(?:trillion|billion|million|thousand|bn|mn|tn|[bmk])(?![a-z]))`;
const PERCENT = String.raw`(?:\s?(?:%|per\s?cent|percent)(?![a-z]))`;
const MENTION = new RegExp(
  `(${CURRENCY})?\\s?(${VALUE})(${SCALE})?(${PERCENT})?`,
  'gi',
);

const NUMBER_WORDS = [
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty',
  'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'hundreds', 'thousand', 'thousands',
  'million', 'millions', 'billion', 'billions', 'trillion', 'dozen', 'dozens', 'half', 'twice', 'double',
  'triple', 'first', 'second', 'third', 'fourth', 'fifth', 'tenth', 'decade', 'decades',
];
const NUMBER_WORD = new RegExp(`\\b(${NUMBER_WORDS.join('|')})\\b`, 'gi');
const NUMBER_WORD_TEST = new RegExp(NUMBER_WORD.source, 'i');

/** The numbers, money amounts, percentages, years and number words of `text` absent from `sourceText`. */
export function findUngroundedNumbers(text: string, sourceText: string): string[] {
  const source = extractMentions(sourceText);
  const missing: string[] = [];
  for (const m of extractMentions(text)) {
    if (!source.some((s) => backs(s, m))) missing.push(m.raw);
  }
  const sourceWords = new Set(Array.from(sourceText.matchAll(NUMBER_WORD), (w) => w[1]!.toLowerCase()));
  for (const w of text.matchAll(NUMBER_WORD)) {
    // "million" after a digit is part of a numeric mention, already checked above.
    const before = text.slice(Math.max(0, w.index - 2), w.index);
    if (/\d\s?$/.test(before)) continue;
    if (!sourceWords.has(w[1]!.toLowerCase())) missing.push(w[1]!);
  }
  return missing;
}

/** True when the text contains any digit or number word: templates must contain neither. */
export function containsNumber(text: string): boolean {
  return /\d/.test(text) || NUMBER_WORD_TEST.test(text);
}

function extractMentions(text: string): NumericMention[] {
  const out: NumericMention[] = [];
  for (const m of text.matchAll(MENTION)) {
    out.push({
      raw: m[0].trim(),
      currency: normaliseCurrency(m[1] ?? ''),
      value: (m[2] ?? '').replace(/[,\s]/g, ''),
      scale: normaliseScale(m[3] ?? ''),
      percent: (m[4] ?? '') !== '',
    });
  }
  return out;
}

function backs(source: NumericMention, text: NumericMention): boolean {
  return (
    source.value === text.value &&
    source.scale === text.scale &&
    source.percent === text.percent &&
    (text.currency === '' || text.currency === source.currency)
  );
}

function normaliseCurrency(raw: string): string {
  const c = raw.trim().toUpperCase();
  if (c === '$' || c === 'US$' || c === 'USD') return 'USD';
  if (c === '€') return 'EUR';
  if (c === '£') return 'GBP';
  if (c === '¥') return 'JPY';
  return c;
}

function normaliseScale(raw: string): string {
  const s = raw.trim().toLowerCase();
  if (s === 'b' || s === 'bn') return 'billion';
  if (s === 'm' || s === 'mn') return 'million';
  if (s === 'k') return 'thousand';
  if (s === 'tn') return 'trillion';
  return s;
}
