import { canonicalizePartyName } from '../classify/canonicalize';
import type { CompiledGazetteer } from '../classify/gazetteer';
import { compileGazetteer } from '../classify/gazetteer';
import type { Classifier } from '../types';
import type { EvalReport, Outcome } from './evaluate';
import { classifyLabeled, reportOutcomes } from './evaluate';
import type { LabeledItem } from './labeled-item';

/**
 * Everything `npm run eval` measures: each labeled set on its own and all of them together; the same
 * sets with every party they label left out of the gazetteer ("unseen companies": what happens on
 * companies the data files have never heard of); and our own test items, written apart from the dev sets.
 */

export interface LabeledSet {
  name: string;
  items: LabeledItem[];
}

export interface SetReport {
  name: string;
  report: EvalReport;
}

export interface SuiteReport {
  classifier: string;
  sets: SetReport[];
  /** All sets together (null with one set: it would repeat it). */
  together: EvalReport | null;
  /** All sets together, classified with a gazetteer that knows none of their parties. */
  unseen: { leftOut: number; report: EvalReport };
  own: SetReport[];
}

/** Builds the classifier to measure, on the bundled gazetteer or on the one given. */
export type BuildClassifier = (gazetteer?: CompiledGazetteer) => Classifier;

/** The gazetteer entities that the items name as parties. */
export function labeledParties(items: readonly LabeledItem[]): Set<string> {
  const known = compileGazetteer().entities;
  const names = new Set<string>();
  for (const item of items) {
    for (const party of item.parties) {
      const name = canonicalizePartyName(party);
      if (known.has(name)) names.add(name);
    }
  }
  return names;
}

export function runSuite(sets: LabeledSet[], own: LabeledSet[], build: BuildClassifier): SuiteReport {
  const classifier = build();
  const outcomes = new Map<string, Outcome[]>(sets.map((s) => [s.name, classifyLabeled(classifier, s.items)]));
  const all = sets.flatMap((s) => s.items);
  const leftOut = labeledParties(all);
  const unseenClassifier = build(compileGazetteer(undefined, { exclude: leftOut }));
  return {
    classifier: classifier.name,
    sets: sets.map((s) => ({ name: s.name, report: reportOutcomes(classifier.name, outcomes.get(s.name) ?? []) })),
    together: sets.length > 1 ? reportOutcomes(classifier.name, [...outcomes.values()].flat()) : null,
    unseen: { leftOut: leftOut.size, report: reportOutcomes(unseenClassifier.name, classifyLabeled(unseenClassifier, all)) },
    own: own.map((s) => ({ name: s.name, report: reportOutcomes(classifier.name, classifyLabeled(classifier, s.items)) })),
  };
}

/** The targets of issue 7: on the dev sets together, on unseen companies, and for calibration. */
export const TARGETS = {
  together: { f1: 0.93, status: 0.88, parties: 0.92, kinds: 0.82, hardNegativeFp: 0.05 },
  unseen: { f1: 0.85, hardNegativeFp: 0.06 },
  ece: 0.08,
} as const;

export interface TargetCheck {
  what: string;
  value: number | null;
  target: number;
  /** At least the target (or at most, for error rates). */
  atMost: boolean;
  met: boolean;
}

function check(what: string, value: number | null, target: number, atMost = false): TargetCheck {
  const met = value !== null && (atMost ? value <= target : value >= target);
  return { what, value, target, atMost, met };
}

/** Every target against its figure (the dev-set targets use all sets together, or the one set). */
export function checkTargets(suite: SuiteReport): TargetCheck[] {
  const dev = suite.together ?? suite.sets[0]?.report;
  if (!dev) return [];
  const t = TARGETS.together;
  const u = suite.unseen.report.all;
  return [
    check('is_partnership F1', dev.all.isPartnership.f1, t.f1),
    check('status accuracy', dev.all.status.accuracy, t.status),
    check('parties F1', dev.all.parties.f1, t.parties),
    check('kind micro-F1', dev.all.kinds.f1, t.kinds),
    check('FP rate, hard negatives', dev.all.hardNegativeFpRate.rate, t.hardNegativeFp, true),
    check('unseen companies: is_partnership F1', u.isPartnership.f1, TARGETS.unseen.f1),
    check('unseen companies: FP rate, hard negatives', u.hardNegativeFpRate.rate, TARGETS.unseen.hardNegativeFp, true),
    check('ECE, every answer', dev.calibration.decisions.ece, TARGETS.ece, true),
    check('ECE, deals found', dev.calibration.deals.ece, TARGETS.ece, true),
  ];
}
