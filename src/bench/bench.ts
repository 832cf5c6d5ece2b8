import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ChildTask, TaskRegistry } from './bench-child';
import { runInChild, serveChildTask } from './bench-child';
import type { SummaryRow } from './bench-report';
import { formatMs, formatSummaryTable } from './bench-report';

/**
 * `npm run bench`: every benchmark in turn, each in a fresh child process, then a table of each
 * figure with its target and the baseline measured in the same run.
 *
 *   npm run bench                         readable report on stdout (progress on stderr)
 *   npm run bench -- --json               one JSON document on stdout instead
 *   npm run bench -- --only ingest,poll   some of them (names below: ingest, poll, classify, deals, delivery, store, postgres, commands)
 *
 * Timings are medians of several runs or percentiles of many samples, set against a baseline measured
 * in the same run, because the machine is shared and noisy.
 */
interface Benchmark {
  name: string;
  title: string;
  /** The module that runs it (in a child) and formats its result (here). */
  load: () => Promise<{ run: ChildTask; format: (result: never) => string[]; summarize: (result: never) => SummaryRow[] }>;
}

const BENCHMARKS: Benchmark[] = [
  {
    name: 'ingest',
    title: 'Ingest throughput (issue 2)',
    load: async () => {
      const m = await import('./bench-ingest');
      return { run: () => m.benchIngest(), format: m.formatIngestBench, summarize: m.summarizeIngestBench };
    },
  },
  {
    name: 'poll',
    title: 'One poll cycle of 500 feeds on a loopback server (issue 2)',
    load: async () => {
      const m = await import('./bench-poll');
      return { run: () => m.benchPoll(), format: m.formatPollBench, summarize: m.summarizePollBench };
    },
  },
  {
    name: 'classify',
    title: 'Classification throughput (issue 3)',
    load: async () => {
      const m = await import('./bench-classify-figures');
      return { run: () => m.benchClassifyFigures(), format: m.formatClassifyFigures, summarize: m.summarizeClassifyFigures };
    },
  },
  {
    name: 'deals',
    title: 'Deal timelines rebuild and queries (issue 3)',
    load: async () => {
      const m = await import('./bench-deals-figures');
      return { run: () => m.benchDealFigures(), format: m.formatDealFigures, summarize: m.summarizeDealFigures };
    },
  },
  {
    name: 'delivery',
    title: 'Delivery fan-out under Discord\'s limits (issue 8)',
    load: async () => {
      const m = await import('./bench-delivery');
      return { run: () => m.benchDelivery(), format: m.formatDeliveryBench, summarize: m.summarizeDeliveryBench };
    },
  },
  {
    name: 'postgres',
    title: 'The Postgres store beside SQLite: poll cycle, slash commands, start-up and memory (issue 12)',
    load: async () => {
      const m = await import('./bench-postgres');
      return { run: () => m.benchPostgres(), format: m.formatPostgresBench, summarize: m.summarizePostgresBench };
    },
  },
  {
    name: 'store',
    title: 'The store on one machine: 5,000 feeds, the deal index at start-up (issue 11)',
    load: async () => {
      const m = await import('./bench-store');
      return { run: () => m.benchStore(), format: m.formatStoreBench, summarize: m.summarizeStoreBench };
    },
  },
  {
    name: 'commands',
    title: 'Slash-command latency and start-up to ready (issue 4)',
    load: async () => {
      const m = await import('./bench-commands');
      return { run: () => m.benchCommands(), format: m.formatCommandBench, summarize: m.summarizeCommandBench };
    },
  },
];

/** Tasks a child can run: each benchmark, and the phases some of them run in children of their own. */
const TASKS: TaskRegistry = {
  ...Object.fromEntries(BENCHMARKS.map((b) => [b.name, async () => (await b.load()).run])),
  'ingest-memory': async () => (await import('./bench-ingest')).measureIngestMemory,
  'poll-cycle': async () => (await import('./bench-poll-cycle')).runMeasuredPollCycle,
  'store-floor': async () => (await import('./bench-store-floor')).measureStoreFloor,
};

interface BenchOutcome {
  name: string;
  title: string;
  ms: number;
  result?: unknown;
  error?: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { json: { type: 'boolean', default: false }, only: { type: 'string', multiple: true }, child: { type: 'boolean', default: false } },
  });
  if (values.child) {
    serveChildTask(TASKS);
    return 0;
  }
  const wanted = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const selected = BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name));
  const json = values.json ?? false;
  const out = (line = '') => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  const started = performance.now();
  out(`Crossover benchmarks — ${machine()}`);
  out('Each figure is a median of several runs (latencies: percentiles of all samples), with its baseline measured in the same run.');
  const outcomes: BenchOutcome[] = [];
  const rows: SummaryRow[] = [];
  for (const bench of selected) {
    process.stderr.write(`· ${bench.name}: running…\n`);
    const t = performance.now();
    const outcome: BenchOutcome = { name: bench.name, title: bench.title, ms: 0 };
    try {
      outcome.result = await runInChild(bench.name);
    } catch (error) {
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    outcome.ms = performance.now() - t;
    outcomes.push(outcome);
    process.stderr.write(`· ${bench.name}: done in ${formatMs(outcome.ms)}${outcome.error ? ' (FAILED)' : ''}\n`);
    out();
    if (outcome.error !== undefined) {
      out(`${bench.title}: FAILED — ${outcome.error}`);
      continue;
    }
    try {
      const { format, summarize } = await bench.load();
      for (const line of format(outcome.result as never)) out(line);
      rows.push(...summarize(outcome.result as never));
    } catch (error) {
      outcome.error = `measured, but the report could not be written: ${error instanceof Error ? error.message : String(error)}`;
      out(`${bench.title}: ${outcome.error}`);
    }
    out(`  (${formatMs(outcome.ms)})`);
  }
  const totalMs = performance.now() - started;
  out();
  out('Figures against their targets');
  for (const line of formatSummaryTable(rows)) out(`  ${line}`);
  out();
  out(`All benchmarks took ${formatMs(totalMs)}.`);
  if (json) {
    const document = { machine: machineInfo(), startedAt: new Date(Date.now() - totalMs).toISOString(), totalMs, benchmarks: outcomes, summary: rows };
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  }
  return outcomes.some((o) => o.error !== undefined) ? 1 : 0;
}

function machineInfo() {
  return { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: os.totalmem() / 1024 ** 3, loadAverage: os.loadavg() };
}

function machine(): string {
  const m = machineInfo();
  return `Node ${m.node}, ${m.platform}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGb.toFixed(1)} GB, load ${m.loadAverage.map((l) => l.toFixed(2)).join(' ')}`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
