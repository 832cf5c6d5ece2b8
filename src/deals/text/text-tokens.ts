import stopwordsData from '../data/stopwords.json';

const STOPWORDS: ReadonlySet<string> = new Set(stopwordsData.words);

/** A word too common to compare texts by (the one stop-word list: data/stopwords.json). */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Lower case ASCII words: diacritics removed, "×" and punctuation are separators. */
export function splitWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** A light stem, enough to match "deals" with "deal" and "talks" with "talk". */
export function stemWord(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** The content words of a text, stemmed, without stop words: what clustering and search compare. */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const word of splitWords(text)) {
    if (word.length < 2 || isStopword(word)) continue;
    out.push(stemWord(word));
  }
  return out;
}
