import type { Calibration } from '../deals/evaluation/calibration';
import type { EvalReport } from '../deals/evaluation/evaluate';
import type { SuiteReport } from '../deals/evaluation/suite';
import { checkTargets } from '../deals/evaluation/suite';
import { formatReport } from './format-eval';

/** Human-readable rendering of the whole evaluation (`npm run eval`). */

function num(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '  n/a' : x.toFixed(3);
}

const COLUMNS = ['n', 'deals', 'F1', 'P', 'R', 'FP hard', 'FP off', 'status', 'parties', 'kinds', 'ECE'];

function row(label: string, r: EvalReport): string {
  const a = r.all;
  const cells = [
    String(a.n),
    String(a.positives),
    num(a.isPartnership.f1),
    num(a.isPartnership.precision),
    num(a.isPartnership.recall),
    num(a.hardNegativeFpRate.rate),
    num(a.offTopicFpRate.rate),
    num(a.status.accuracy),
    num(a.parties.f1),
    num(a.kinds.f1),
    num(r.calibration.decisions.ece),
  ];
  return `  ${label.padEnd(40)}${cells.map((c) => c.padStart(8)).join('')}`;
}

function reliability(title: string, c: Calibration): string[] {
  const lines = [`  ${title}: ECE ${num(c.ece)} over ${c.n}`, `    ${'confidence'.padEnd(12)}${'n'.padStart(6)}${'stated'.padStart(9)}${'right'.padStart(9)}`];
  for (const b of c.bins) {
    if (b.n === 0) continue;
    lines.push(`    ${`${b.low.toFixed(1)}-${b.high.toFixed(1)}`.padEnd(12)}${String(b.n).padStart(6)}${num(b.confidence).padStart(9)}${num(b.accuracy).padStart(9)}`);
  }
  return lines;
}

export interface SuiteFormatOptions {
  /** Each set's full report, with its misclassified items. */
  details: boolean;
}

export function formatSuite(suite: SuiteReport, options: SuiteFormatOptions): string {
  const lines = [`Classifier ${suite.classifier}`, '', `  ${''.padEnd(40)}${COLUMNS.map((c) => c.padStart(8)).join('')}`];
  for (const s of suite.sets) lines.push(row(s.name, s.report));
  if (suite.together) lines.push(row('together', suite.together));
  lines.push(row(`unseen companies (${suite.unseen.leftOut} left out)`, suite.unseen.report));
  for (const s of suite.own) lines.push(row(`own items: ${s.name}`, s.report));
  lines.push('', 'Targets (issue 7)');
  for (const c of checkTargets(suite)) {
    lines.push(`  ${c.what.padEnd(44)}${num(c.value)}  ${c.atMost ? '<=' : '>='} ${c.target.toFixed(2)}  ${c.met ? 'met' : 'MISSED'}`);
  }
  const dev = suite.together ?? suite.sets[0]?.report;
  if (dev) {
    lines.push('', `Calibration with the shipped model (${suite.together ? 'sets together' : suite.sets[0]?.name}; it is fitted on the dev sets)`);
    lines.push(...reliability('every answer (is_partnership right?)', dev.calibration.decisions));
    lines.push(...reliability('deals found (is it a deal?)', dev.calibration.deals));
    lines.push(...reliability('unseen companies, every answer', suite.unseen.report.calibration.decisions));
    const cv = suite.crossValidated;
    lines.push('', `Calibration cross-validated by company (${cv.folds} folds: each fold scored by a model fitted without its companies)`);
    lines.push(...reliability('every answer', cv.together.decisions));
    lines.push(...reliability('deals found', cv.together.deals));
    lines.push(...reliability('unseen companies, every answer', cv.unseen.decisions));
  }
  if (options.details) {
    for (const s of [...suite.sets, ...suite.own]) lines.push('', formatReport(s.report, s.name));
    lines.push('', formatReport(suite.unseen.report, 'unseen companies'));
  }
  return `${lines.join('\n')}\n`;
}
