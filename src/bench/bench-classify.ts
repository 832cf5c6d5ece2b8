import { readFileSync } from 'node:fs';
import { createRuleClassifier } from '../deals/classify';
import type { ClassifierInput } from '../deals/types';
import { sharedCorpusPath } from '../shared/repo-root';

export interface ClassifyBenchOptions {
  file?: string;
  repeat?: number;
  runs?: number;
}

export interface ClassifyBenchResult {
  name: string;
  itemsPerSecond: number;
  /** Items per second of the process's own CPU time: what a free core would do, whatever else the machine runs. */
  itemsPerCpuSecond: number;
  runs: number[];
  itemsPerRun: number;
  target: number;
  baseline: string;
}

interface DevLine {
  id: string;
  title: string;
  summary: string;
  source?: string | null;
  date?: string | null;
}

function loadDevItems(file: string): ClassifierInput[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DevLine)
    .map((i) => ({ id: i.id, title: i.title, summary: i.summary, source: i.source ?? undefined, date: i.date ?? undefined }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export async function benchClassify(options: ClassifyBenchOptions = {}): Promise<ClassifyBenchResult> {
  const items = loadDevItems(options.file ?? sharedCorpusPath('deals-dev.jsonl'));
  const repeat = options.repeat ?? 20;
  const classifier = createRuleClassifier();
  for (let k = 0; k < 3; k += 1) for (const item of items) classifier.classify(item); // warm-up: JIT
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  for (let r = 0; r < (options.runs ?? 5); r += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let k = 0; k < repeat; k += 1) for (const item of items) classifier.classify(item);
    const used = process.cpuUsage(cpu);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    runs.push((items.length * repeat) / seconds);
    cpuRuns.push((items.length * repeat) / ((used.user + used.system) / 1e6));
  }
  return {
    name: 'classify throughput (rule classifier, dev set repeated, one core)',
    itemsPerSecond: Math.round(median(runs)),
    itemsPerCpuSecond: Math.round(median(cpuRuns)),
    runs: runs.map((x) => Math.round(x)),
    itemsPerRun: items.length * repeat,
    target: 5000,
    baseline: 'target >= 5,000 items/s (issue 3)',
  };
}

if (require.main === module) {
  benchClassify().then(
    (r) => console.log(`${r.name}: ${r.itemsPerSecond} items/s (median of ${r.runs.join(', ')}; target ${r.target})`),
    (error: Error) => {
      console.error(error.message);
      process.exitCode = 1;
    },
  );
}
