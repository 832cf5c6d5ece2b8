import type { EvalReport, Miss, Scores } from '../deals/evaluation/evaluate';
import type { Interval } from '../deals/evaluation/metrics';

/** Human-readable rendering of an evaluation report. */

function pct(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '  n/a' : x.toFixed(3);
}

function ci(i: Interval | null): string {
  return i ? ` [95% CI ${i.low.toFixed(3)}-${i.high.toFixed(3)}]` : '';
}

function formatScores(title: string, s: Scores): string[] {
  const p = s.isPartnership;
  const lines = [
    `${title} (n=${s.n}, positives=${s.positives})`,
    `  is_partnership    P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}${ci(p.f1Interval)}  (tp ${p.tp}, fp ${p.fp}, fn ${p.fn}, tn ${p.tn})`,
    `  FP rate hard neg  ${pct(s.hardNegativeFpRate.rate)}${ci(s.hardNegativeFpRate.interval)}  (${s.hardNegativeFpRate.fp}/${s.hardNegativeFpRate.n})`,
    `  FP rate off-topic ${pct(s.offTopicFpRate.rate)}${ci(s.offTopicFpRate.interval)}  (${s.offTopicFpRate.fp}/${s.offTopicFpRate.n})`,
    `  status accuracy   ${pct(s.status.accuracy)}${ci(s.status.interval)}  (on ${s.status.n} true positives)`,
    `  parties F1        ${pct(s.parties.f1)}${ci(s.parties.interval)}  (P ${pct(s.parties.precision)}, R ${pct(s.parties.recall)})`,
    `  kind micro-F1     ${pct(s.kinds.f1)}${ci(s.kinds.interval)}  (P ${pct(s.kinds.precision)}, R ${pct(s.kinds.recall)})`,
  ];
  return lines;
}

function formatMatrix(s: Scores): string[] {
  const labels = s.status.labels;
  const w = 10;
  const head = `  ${'gold \\ pred'.padEnd(w)}${labels.map((l) => l.padStart(w)).join('')}`;
  const rows = labels.map((l, r) => `  ${l.padEnd(w)}${(s.status.matrix[r] ?? []).map((v) => String(v).padStart(w)).join('')}`);
  return ['Status confusion matrix (true positives):', head, ...rows];
}

function formatMiss(m: Miss): string {
  const e = m.expected;
  const p = m.predicted;
  const show = (x: typeof e): string =>
    x.is_partnership ? `${x.status} [${x.parties.join(', ')}] {${x.kind.join(', ')}}` : 'not a deal';
  return `  ${m.id} (${m.fields.join(', ')})\n    expected:  ${show(e)}\n    predicted: ${show(p)}\n    why: ${m.explanation}`;
}

export function formatReport(r: EvalReport, file: string): string {
  return [
    `Classifier ${r.classifier} on ${file}`,
    '',
    ...formatScores('All items', r.all),
    '',
    ...formatScores('Without uncertain labels (AMBIGUOUS, borderline, MIXED)', r.withoutUncertain),
    '',
    ...formatScores('Hard subset (TRICKY, SCOPE BOUNDARY, OFF-TOPIC PARTNERSHIP)', r.hard),
    '',
    ...formatMatrix(r.all),
    '',
    `Misclassified items (${r.misses.length}):`,
    ...r.misses.map(formatMiss),
    '',
  ].join('\n');
}
