import type { Classification, Classifier, ClassifierInput, DealStatus } from '../types';
import { STATUSES } from '../types';
import { partyKey } from '../classify/canonicalize';
import type { Calibration } from './calibration';
import { calibrationOf } from './calibration';
import type { LabeledItem } from './labeled-item';
import { isHard, isUncertain } from './labeled-item';
import type { Interval, Prf } from './metrics';
import { accuracy, binaryCounts, bootstrapInterval, confusionMatrix, microF1, precisionRecallF1 } from './metrics';

/** Scores a classifier on labeled items: the report `npm run eval` prints. */

export interface Outcome {
  item: LabeledItem;
  predicted: Classification;
}

export interface Scores {
  n: number;
  positives: number;
  isPartnership: Prf & { tp: number; fp: number; fn: number; tn: number; f1Interval: Interval | null };
  hardNegativeFpRate: { rate: number | null; fp: number; n: number; interval: Interval | null };
  offTopicFpRate: { rate: number | null; fp: number; n: number; interval: Interval | null };
  status: { accuracy: number | null; n: number; interval: Interval | null; labels: DealStatus[]; matrix: number[][] };
  parties: Prf & { tp: number; fp: number; fn: number; interval: Interval | null };
  kinds: Prf & { tp: number; fp: number; fn: number; interval: Interval | null };
}

export interface Miss {
  id: string;
  fields: string[];
  expected: { is_partnership: boolean; parties: string[]; status: DealStatus | null; kind: string[] };
  predicted: { is_partnership: boolean; parties: string[]; status: DealStatus | null; kind: string[] };
  explanation: string;
  note: string;
}

export interface EvalReport {
  classifier: string;
  all: Scores;
  withoutUncertain: Scores;
  hard: Scores;
  /**
   * decisions: the confidence of every answer against whether is_partnership was right; deals: the
   * confidence of every deal found against whether it is one (what `/subscribe min_confidence` filters on).
   */
  calibration: { decisions: Calibration; deals: Calibration };
  misses: Miss[];
}

const canon = (names: readonly string[]): string[] => names.map(partyKey);

function truePositives(outcomes: Outcome[]): Outcome[] {
  return outcomes.filter((o) => o.item.is_partnership && o.predicted.isPartnership);
}

function f1Of(outcomes: Outcome[]): number {
  const c = binaryCounts(
    outcomes.map((o) => o.item.is_partnership),
    outcomes.map((o) => o.predicted.isPartnership),
  );
  return precisionRecallF1(c).f1;
}

function fpRate(outcomes: Outcome[], category: LabeledItem['category']): number | null {
  const pool = outcomes.filter((o) => o.item.category === category);
  return pool.length === 0 ? null : pool.filter((o) => o.predicted.isPartnership).length / pool.length;
}

function statusAccuracy(outcomes: Outcome[]): number | null {
  const tps = truePositives(outcomes);
  return accuracy(
    tps.map((o) => o.item.status),
    tps.map((o) => o.predicted.status),
  );
}

function partiesF1(outcomes: Outcome[]): Prf & { tp: number; fp: number; fn: number } {
  return microF1(truePositives(outcomes).map((o) => ({ gold: canon(o.item.parties), predicted: canon(o.predicted.parties) })));
}

function kindsF1(outcomes: Outcome[]): Prf & { tp: number; fp: number; fn: number } {
  return microF1(truePositives(outcomes).map((o) => ({ gold: o.item.kind, predicted: o.predicted.kinds })));
}

function boot(outcomes: Outcome[], stat: (sample: Outcome[]) => number | null, seed: number): Interval | null {
  return bootstrapInterval(outcomes.length, (idx) => stat(idx.map((i) => outcomes[i] as Outcome)), { seed, resamples: 1000 });
}

/** All scores for one subset of items, with seeded bootstrap 95% intervals. */
export function scoreOutcomes(outcomes: Outcome[]): Scores {
  const counts = binaryCounts(
    outcomes.map((o) => o.item.is_partnership),
    outcomes.map((o) => o.predicted.isPartnership),
  );
  const hardNeg = outcomes.filter((o) => o.item.category === 'hard_negative');
  const offTopic = outcomes.filter((o) => o.item.category === 'off_topic');
  const tps = truePositives(outcomes);
  return {
    n: outcomes.length,
    positives: outcomes.filter((o) => o.item.is_partnership).length,
    isPartnership: { ...counts, ...precisionRecallF1(counts), f1Interval: boot(outcomes, f1Of, 1) },
    hardNegativeFpRate: {
      rate: fpRate(outcomes, 'hard_negative'),
      fp: hardNeg.filter((o) => o.predicted.isPartnership).length,
      n: hardNeg.length,
      interval: boot(hardNeg, (s) => fpRate(s, 'hard_negative'), 2),
    },
    offTopicFpRate: {
      rate: fpRate(outcomes, 'off_topic'),
      fp: offTopic.filter((o) => o.predicted.isPartnership).length,
      n: offTopic.length,
      interval: boot(offTopic, (s) => fpRate(s, 'off_topic'), 3),
    },
    status: {
      accuracy: statusAccuracy(outcomes),
      n: tps.length,
      interval: boot(outcomes, statusAccuracy, 4),
      labels: [...STATUSES],
      matrix: confusionMatrix(
        tps.map((o) => o.item.status ?? ''),
        tps.map((o) => o.predicted.status ?? ''),
        STATUSES,
      ),
    },
    parties: { ...partiesF1(outcomes), interval: boot(outcomes, (s) => (truePositives(s).length ? partiesF1(s).f1 : null), 5) },
    kinds: { ...kindsF1(outcomes), interval: boot(outcomes, (s) => (truePositives(s).length ? kindsF1(s).f1 : null), 6) },
  };
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function missOf(o: Outcome): Miss | null {
  const { item, predicted } = o;
  const fields: string[] = [];
  if (item.is_partnership !== predicted.isPartnership) fields.push('is_partnership');
  else if (item.is_partnership) {
    if (item.status !== predicted.status) fields.push('status');
    if (!sameSet(canon(item.parties), canon(predicted.parties))) fields.push('parties');
    if (!sameSet(item.kind, predicted.kinds)) fields.push('kind');
  }
  if (fields.length === 0) return null;
  return {
    id: item.id,
    fields,
    expected: { is_partnership: item.is_partnership, parties: item.parties, status: item.status, kind: item.kind },
    predicted: {
      is_partnership: predicted.isPartnership,
      parties: predicted.parties,
      status: predicted.status,
      kind: predicted.kinds,
    },
    explanation: predicted.explanation,
    note: item.note,
  };
}

/** What the classifier reads of a labeled item. */
export function labeledInput(item: LabeledItem): ClassifierInput {
  return {
    id: item.id,
    title: item.title,
    summary: item.summary,
    url: item.url ?? undefined,
    source: item.source ?? undefined,
    date: item.date ?? undefined,
  };
}

/** Runs the classifier over the items. */
export function classifyLabeled(classifier: Classifier, items: readonly LabeledItem[]): Outcome[] {
  return items.map((item) => ({ item, predicted: classifier.classify(labeledInput(item)) }));
}

/** Scores outcomes already classified (several files together, or one classifier's runs). */
export function reportOutcomes(classifier: string, outcomes: Outcome[]): EvalReport {
  return {
    classifier,
    all: scoreOutcomes(outcomes),
    withoutUncertain: scoreOutcomes(outcomes.filter((o) => !isUncertain(o.item))),
    hard: scoreOutcomes(outcomes.filter((o) => isHard(o.item))),
    calibration: {
      decisions: calibrationOf(outcomes.map((o) => ({ confidence: o.predicted.confidence, correct: o.predicted.isPartnership === o.item.is_partnership }))),
      deals: calibrationOf(outcomes.filter((o) => o.predicted.isPartnership).map((o) => ({ confidence: o.predicted.confidence, correct: o.item.is_partnership }))),
    },
    misses: outcomes.map(missOf).filter((m): m is Miss => m !== null),
  };
}

/** Runs the classifier over the items and scores it. */
export function evaluateClassifier(classifier: Classifier, items: LabeledItem[]): EvalReport {
  return reportOutcomes(classifier.name, classifyLabeled(classifier, items));
}
