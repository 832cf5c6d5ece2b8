/** The deal classifier: rules over a gazetteer and cue data files (src/deals/data). */
export { createRuleClassifier, classifyItem } from './rule-classifier';
export { canonicalizePartyName } from './canonicalize';
