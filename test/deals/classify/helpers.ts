import { createRuleClassifier } from '../../../src/deals/classify';
import type { Classification, ClassifierInput } from '../../../src/deals/types';

const classifier = createRuleClassifier();

/** Classifies a hand-written item (title and summary). */
export function classify(title: string, summary = '', extra: Partial<ClassifierInput> = {}): Classification {
  return classifier.classify({ title, summary, ...extra });
}
