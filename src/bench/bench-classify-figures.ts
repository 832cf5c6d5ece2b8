import fs from 'node:fs';
import { createRuleClassifier } from '../deals/classify';
import type { ClassifyBenchResult } from './bench-classify';
import { benchClassify } from './bench-classify';
import type { SummaryRow } from './bench-report';
import { formatMs, formatRate, formatRatio } from './bench-report';
import { median } from './bench-stats';
import { sharedCorpusPath } from '../shared/repo-root';

/**
 * Classification throughput (issue 3) for `npm run bench`: the classifier engineer's benchClassify
 * (the dev set repeated, one core, median of runs), with the number of repeats chosen so that a run
 * lasts about a second whatever the classifier's speed, and a baseline measured in the same run: the
 * floor of touching the same text at all (lower-casing title and summary and splitting them into words).
 */
export interface ClassifyFigures {
  devItems: number;
  repeat: number;
  /** One pass over the dev set with a fresh classifier: construction, first use, JIT warm-up. */
  firstPassMs: number;
  bench: ClassifyBenchResult;
  baselineItemsPerSec: number;
}

const RUN_TARGET_MS = 1000;
const WARM_UP_MS = 3000;

export async function benchClassifyFigures(runs = 7): Promise<ClassifyFigures> {
  const file = sharedCorpusPath('deals-dev.jsonl');
  const inputs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { title: string; summary: string });
  const started = performance.now();
  const classifier = createRuleClassifier();
  for (const input of inputs) classifier.classify(input);
  const firstPassMs = performance.now() - started;
  // A second, warm pass tells how many passes make a run of about a second.
  const warm = performance.now();
  for (const input of inputs) classifier.classify(input);
  const passMs = performance.now() - warm;
  const repeat = Math.max(1, Math.min(40, Math.round(RUN_TARGET_MS / passMs)));
  // The first seconds run slower (V8 compiles hot functions and regular expressions as they get
  // used), so the classifier runs for a while before the measured runs.
  const warmUntil = performance.now() + WARM_UP_MS;
  while (performance.now() < warmUntil) for (const input of inputs) classifier.classify(input);
  const bench = await benchClassify({ file, repeat, runs });

  const baseline: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    let words = 0;
    const t = performance.now();
    for (let k = 0; k < 200; k += 1) for (const input of inputs) words += `${input.title}\n${input.summary}`.toLowerCase().split(/[^a-z0-9]+/).length;
    if (words === 0) throw new Error('the dev set has no text');
    baseline.push((200 * inputs.length) / ((performance.now() - t) / 1000));
  }
  return { devItems: inputs.length, repeat, firstPassMs, bench, baselineItemsPerSec: median(baseline) };
}

export function formatClassifyFigures(f: ClassifyFigures): string[] {
  const { bench } = f;
  return [
    `Classification throughput (issue 3) — the dev set (${f.devItems} items) × ${f.repeat} per run, ${bench.runs.length} runs, one core`,
    `  rule classifier   ${formatRate(bench.itemsPerSecond, 'items/s')} median (runs: ${bench.runs.map((v) => v.toLocaleString('en')).join(', ')})`,
    `  per second of its own CPU time   ${formatRate(bench.itemsPerCpuSecond, 'items/s')} median (the wall rate with a core to itself; the two part when the machine is busy)`,
    `  first pass with a fresh classifier (build + warm-up): ${formatMs(f.firstPassMs)}`,
    `  baseline, same run: lower-case + split the same text   ${formatRate(f.baselineItemsPerSec, 'items/s')}`,
    `  per item the classifier costs ${formatRatio(f.baselineItemsPerSec / bench.itemsPerSecond)} the baseline`,
    `  target ≥ ${bench.target.toLocaleString('en')} items/s: ${bench.itemsPerSecond >= bench.target ? 'met' : 'MISSED'}`,
  ];
}

export function summarizeClassifyFigures(f: ClassifyFigures): SummaryRow[] {
  return [
    {
      figure: 'Classification throughput (one core)',
      value: `${formatRate(f.bench.itemsPerSecond, 'items/s')} (CPU time ${formatRate(f.bench.itemsPerCpuSecond, 'items/s')})`,
      target: `≥ ${f.bench.target.toLocaleString('en')} items/s`,
      baseline: `text split ${formatRate(f.baselineItemsPerSec, 'items/s')}`,
      met: f.bench.itemsPerSecond >= f.bench.target,
    },
  ];
}
