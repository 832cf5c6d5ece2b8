import { z } from 'zod';
import modelJson from '../data/confidence-model.json';
import type { Party, PartyChoice } from './choose-parties';
import type { StatusDecision } from './detect-status';
import type { Mention } from './find-mentions';

/**
 * Confidence is a probability, fitted on the labeled sets: a small logistic model over the signals of
 * a decision (src/deals/data/confidence-model.json, refit by `npm run fit-confidence`). It gives the
 * probability that the item reports a deal; a deal is posted with that probability, a non-deal is
 * answered with its complement. So "confidence 0.8" means about four in five such answers are right,
 * and `/subscribe min_confidence:0.8` keeps deals that are real about 80% of the time or more.
 */

export type NegativeReason = 'no-company' | 'one-company' | 'no-deal-clause' | 'out-of-scope' | 'sports' | 'veto' | 'sale-no-buyer';

/** The signals of a decision, in the order the model reads them. */
export const SIGNALS = [
  'deal',
  'reason_no_company',
  'reason_one_company',
  'reason_no_deal_clause',
  'reason_out_of_scope',
  'reason_veto',
  'reason_sale_no_buyer',
  'companies',
  'route_headline',
  'route_headline_summary',
  'parties',
  'unknown_parties',
  'supporting_sentences',
  'explicit_stage',
  'no_stage_cue',
  'veto_overridden',
  'unconfirmed',
  'question_headline',
] as const;
export type Signal = (typeof SIGNALS)[number];
export type Signals = Record<Signal, number>;

const modelSchema = z.object({
  _doc: z.string().optional(),
  signals: z.array(z.enum(SIGNALS)),
  means: z.array(z.number()),
  scales: z.array(z.number()),
  weights: z.array(z.number()),
  bias: z.number(),
  trainedOn: z.record(z.string(), z.unknown()).optional(),
});
export type ConfidenceModel = z.infer<typeof modelSchema>;

export function parseConfidenceModel(json: unknown): ConfidenceModel {
  const model = modelSchema.parse(json);
  const n = model.signals.length;
  if (model.means.length !== n || model.scales.length !== n || model.weights.length !== n) throw new Error('confidence model: one mean, scale and weight per signal');
  return model;
}

let bundled: ConfidenceModel | null = null;

/** The fitted model shipped with the classifier. */
export function bundledConfidenceModel(): ConfidenceModel {
  bundled ??= parseConfidenceModel(modelJson);
  return bundled;
}

/** The signals as the model's input vector (in SIGNALS order). */
export function signalVector(s: Signals): number[] {
  return SIGNALS.map((name) => s[name]);
}

/** The probability that the item reports a deal. */
export function dealProbability(model: ConfidenceModel, s: Signals): number {
  let z = model.bias;
  model.signals.forEach((name, i) => {
    z += (model.weights[i] ?? 0) * ((s[name] - (model.means[i] ?? 0)) / (model.scales[i] || 1));
  });
  return 1 / (1 + Math.exp(-z));
}

/** Confidence in the answer given: the deal probability for a deal, its complement for a non-deal (two decimals, never 0 or 1). */
export function confidenceOf(model: ConfidenceModel, isDeal: boolean, s: Signals): number {
  const p = dealProbability(model, s);
  const c = isDeal ? p : 1 - p;
  return Math.round(Math.min(0.99, Math.max(0.01, c)) * 100) / 100;
}

const cap = (x: number, max: number): number => Math.min(max, x);

/** Counts the companies an item names. */
function companyCounts(mentions: readonly Mention[]): Pick<Signals, 'companies'> {
  return { companies: cap(new Set(mentions.map((m) => m.root)).size, 5) };
}

const EMPTY = Object.freeze(Object.fromEntries(SIGNALS.map((s) => [s, 0])) as Signals);

function empty(): Signals {
  return { ...EMPTY };
}

const REASON_SIGNAL: Record<NegativeReason, Signal> = {
  'no-company': 'reason_no_company',
  'one-company': 'reason_one_company',
  'no-deal-clause': 'reason_no_deal_clause',
  'out-of-scope': 'reason_out_of_scope',
  sports: 'reason_out_of_scope',
  veto: 'reason_veto',
  'sale-no-buyer': 'reason_sale_no_buyer',
};

export function negativeSignals(reason: NegativeReason, mentions: readonly Mention[], questionHeadline: boolean): Signals {
  return { ...empty(), ...companyCounts(mentions), [REASON_SIGNAL[reason]]: 1, question_headline: questionHeadline ? 1 : 0 };
}

export interface DealFacts {
  choice: PartyChoice;
  parties: Party[];
  status: StatusDecision;
  unconfirmed: boolean;
  vetoOverridden: boolean;
  questionHeadline: boolean;
}

export function dealSignals(f: DealFacts, mentions: readonly Mention[]): Signals {
  return {
    ...empty(),
    ...companyCounts(mentions),
    deal: 1,
    route_headline: f.choice.route === 'headline' ? 1 : 0,
    route_headline_summary: f.choice.route === 'headline+summary' ? 1 : 0,
    parties: cap(f.parties.length, 4),
    unknown_parties: cap(f.parties.filter((p) => !p.mention.known).length, 2),
    supporting_sentences: cap(f.choice.supporting.length, 4),
    explicit_stage: f.status.tier === 2 ? 1 : 0,
    no_stage_cue: f.status.hit ? 0 : 1,
    veto_overridden: f.vetoOverridden ? 1 : 0,
    unconfirmed: f.unconfirmed ? 1 : 0,
    question_headline: f.questionHeadline ? 1 : 0,
  };
}
