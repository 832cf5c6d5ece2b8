import { sentenceSpans } from '../text';
import type { ClassifierInput } from '../types';

/** The text the classifier reads, cut into sentences (the headline is sentence 0) and clauses. */

export interface Clause {
  start: number;
  end: number;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  isTitle: boolean;
  text: string;
  clauses: Clause[];
}

export interface ItemText {
  /** title + "\n" + summary: every offset in evidence points into this string. */
  text: string;
  titleEnd: number;
  sentences: Sentence[];
}

/** Normalises curly quotes and dashes one character for one, so that offsets stay valid. */
function normaliseChars(s: string): string {
  return s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-').replace(/\u00a0/g, ' ');
}

const CLAUSE_BREAK =
  /;|:\s|\s--\s|\s-\s|,\s(?=(?:after|before|which|while|whereas|although|though|but|since|as|when|where|following|despite|even as|however|and then)\b)|\s(?=(?:but|while|whereas|although|though|however)\b)|\s(?=(?:that|which|who) (?:were|was|had|have been|has been)\b)|\s(?=after (?:more than |over |nearly |almost |about )?\d+)|\s(?=(?:after|following) (?:the|its|their|his|her|an?|earlier|previous|prior)\s)|,\s(?=[a-z]+ing\s)/g;

/** "While X did A, Y does B": the leading subordinate clause ends at the first comma. */
const LEADING_SUBORDINATE = /^(?:while|although|though|after|before|since|as|when|once|despite|following|having|if|unless|because)\b[^,]{3,200},\s/i;

function splitClauses(text: string, start: number, end: number): Clause[] {
  const clauses: Clause[] = [];
  const lead = LEADING_SUBORDINATE.exec(text.slice(start, end));
  if (lead) {
    clauses.push({ start, end: start + lead[0].length - 2 });
    return [...clauses, ...splitClauses(text, start + lead[0].length, end)];
  }
  const slice = text.slice(start, end);
  CLAUSE_BREAK.lastIndex = 0;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = CLAUSE_BREAK.exec(slice)) !== null) {
    if (m.index > from) clauses.push({ start: start + from, end: start + m.index });
    from = m.index + m[0].length;
    if (m[0].length === 0) CLAUSE_BREAK.lastIndex += 1;
  }
  if (end > start + from) clauses.push({ start: start + from, end });
  return clauses.length > 0 ? clauses : [{ start, end }];
}

/** Builds title + "\n" + summary and cuts it into sentences and clauses. */
export function segmentItem(input: ClassifierInput): ItemText {
  const title = normaliseChars((input.title ?? '').replace(/\s+/g, ' ').trim());
  const summary = normaliseChars((input.summary ?? '').replace(/\n/g, ' '));
  const text = `${title}\n${summary}`;
  const titleEnd = title.length;
  const spans = [{ start: 0, end: titleEnd }, ...sentenceSpans(text, titleEnd + 1, text.length)];
  const sentences: Sentence[] = spans
    .filter((s) => s.end > s.start)
    .map((s, index) => ({
      index,
      start: s.start,
      end: s.end,
      isTitle: s.start === 0 && titleEnd > 0,
      text: text.slice(s.start, s.end),
      clauses: splitClauses(text, s.start, s.end),
    }));
  if (sentences.length === 0 || !sentences[0]?.isTitle) {
    sentences.unshift({ index: 0, start: 0, end: 0, isTitle: true, text: '', clauses: [{ start: 0, end: 0 }] });
    sentences.forEach((s, i) => (s.index = i));
  }
  return { text, titleEnd, sentences };
}

/** The sentence that holds an offset (binary search). */
export function sentenceAt(item: ItemText, offset: number): Sentence {
  const list = item.sentences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((list[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return list[lo] ?? (list[0] as Sentence);
}

/** The index of the clause that holds an offset inside its sentence. */
export function clauseAt(sentence: Sentence, offset: number): number {
  for (let i = sentence.clauses.length - 1; i >= 0; i -= 1) {
    if ((sentence.clauses[i]?.start ?? 0) <= offset) return i;
  }
  return 0;
}
