/** Text: words, stems and stop words, and sentences, as the classifier, clustering, search and takeaways read them. */
export type { SentenceSpan } from './split-sentences';
export { sentenceSpans, splitSentences } from './split-sentences';
export { contentTokens, isStopword, splitWords } from './text-tokens';
