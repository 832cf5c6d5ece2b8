import type { PartyChoice } from './choose-parties';
import type { StatusDecision } from './detect-status';

/**
 * Confidence in the decision, 0 to 1. For a deal: highest when the headline itself links two
 * gazetteer companies with an explicit stage cue and several sentences agree; lower for parties the
 * gazetteer does not know, a surviving veto family, a stage guessed from a bare verb, or hedged reports.
 * For a non-deal: how clear the reason is (no company at all is clearer than two companies without a
 * deal clause).
 */

export type NegativeReason = 'no-company' | 'one-company' | 'no-deal-clause' | 'out-of-scope' | 'sports' | 'veto' | 'sale-no-buyer';

const NEGATIVE_CONFIDENCE: Record<NegativeReason, number> = {
  'no-company': 0.95,
  'one-company': 0.9,
  'out-of-scope': 0.85,
  sports: 0.85,
  veto: 0.8,
  'sale-no-buyer': 0.8,
  'no-deal-clause': 0.75,
};

export function negativeConfidence(reason: NegativeReason): number {
  return NEGATIVE_CONFIDENCE[reason];
}

export interface PositiveSignals {
  choice: PartyChoice;
  status: StatusDecision;
  unconfirmed: boolean;
  vetoFamilySeen: boolean;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function positiveConfidence(s: PositiveSignals): number {
  let c = 0.5;
  c += s.choice.route === 'headline' ? 0.2 : s.choice.route === 'headline+summary' ? 0.12 : 0.05;
  c += Math.min(0.1, Math.max(0, s.choice.supporting.length - 1) * 0.05);
  if (s.choice.parties.some((p) => !p.mention.known)) c -= 0.15;
  if (s.status.tier === 2) c += 0.08;
  else if (!s.status.hit) c -= 0.05;
  if (s.vetoFamilySeen) c -= 0.1;
  if (s.unconfirmed) c -= 0.05;
  return round2(Math.min(0.97, Math.max(0.2, c)));
}
