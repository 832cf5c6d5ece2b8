/** Text: words, stems and stop words, and sentences, as the classifier, clustering, search and takeaways read them. */
export { splitSentences } from './split-sentences';
export { contentTokens, splitWords } from './text-tokens';
