import fs from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { readFeedItems } from '../feeds/parse';
import { runInChild } from './bench-child';
import type { SummaryRow } from './bench-report';
import { formatMb, formatMs, formatRate, formatRatio } from './bench-report';
import { median, peakRssMb, sampleMemory, settledMemory } from './bench-stats';
import { generateSyntheticFeeds } from './bench-synthetic-feeds';
import { sharedCorpusPath } from '../shared/repo-root';

/**
 * Ingest throughput (issue 2): from bytes in memory to deduplicated items — readFeedItems: decode
 * (gzip, charset), parse, normalise, dedupe — over (a) the feeds of ../shared/corpus/feeds, read in
 * place, leaving out the files that are errors by design, and (b) 500 synthetic feeds × 50 items.
 * The baseline, in the same run on the same bytes: rss-parser's bare parseString on the bytes decoded
 * as UTF-8. Runs alternate ours and the baseline; medians. Peak memory: each implementation makes one
 * pass in a fresh child process that holds only the bytes (the kernel's high-water mark, and V8's heap).
 */
export type IngestSetName = 'corpus' | 'synthetic';

export interface IngestMemory {
  /** After loading the bytes, settled (full GC), before the pass. */
  rssBeforeMb: number;
  heapBeforeMb: number;
  /** The child's whole-life resident high-water mark (includes the bytes and loading). */
  peakRssMb: number;
  /** Highest V8 heap in use seen during the pass. */
  peakHeapUsedMb: number;
}

export interface IngestImplFigures {
  items: number;
  /** Files the implementation could not read (the baseline only: our pipeline reads them all). */
  failures: number;
  runsMs: number[];
  medianMs: number;
  itemsPerSec: number;
  mbPerSec: number;
  memory: IngestMemory;
}

export interface IngestSetFigures {
  set: IngestSetName;
  files: number;
  /** Corpus files left out because our pipeline rejects them by design (not a feed, truncated). */
  skipped: string[];
  megabytes: number;
  ours: IngestImplFigures;
  baseline: IngestImplFigures;
  /** Ours over the baseline: items per second, and time for the same bytes. */
  itemsPerSecRatio: number;
  timeRatio: number;
}

export interface IngestFigures {
  corpus: IngestSetFigures;
  synthetic: IngestSetFigures;
}

interface Input {
  name: string;
  url: string;
  body: Buffer;
}

const NOW = new Date('2026-01-15T12:00:00Z');
const RUNS: Record<IngestSetName, number> = { corpus: 5, synthetic: 3 };
export const SYNTHETIC_FEEDS = 500;
export const SYNTHETIC_ITEMS = 50;

export async function benchIngest(): Promise<IngestFigures> {
  return { corpus: await benchSet('corpus'), synthetic: await benchSet('synthetic') };
}

async function benchSet(set: IngestSetName): Promise<IngestSetFigures> {
  const { inputs, skipped } = await loadSet(set);
  const bytes = inputs.reduce((sum, input) => sum + input.body.length, 0);
  const parser = new Parser();
  // Warm-up (JIT) on part of the set, then alternate which goes first.
  const warm = inputs.slice(0, 60);
  await passOurs(warm);
  await passBaseline(warm, parser);
  const oursMs: number[] = [];
  const baseMs: number[] = [];
  let oursItems = 0;
  let base = { items: 0, failures: 0 };
  for (let run = 0; run < RUNS[set]; run += 1) {
    const timeOurs = async () => {
      const t = performance.now();
      oursItems = await passOurs(inputs);
      oursMs.push(performance.now() - t);
    };
    const timeBase = async () => {
      const t = performance.now();
      base = await passBaseline(inputs, parser);
      baseMs.push(performance.now() - t);
    };
    if (run % 2 === 0) {
      await timeOurs();
      await timeBase();
    } else {
      await timeBase();
      await timeOurs();
    }
  }
  const oursMemory = await runInChild<IngestMemory>('ingest-memory', { set, impl: 'ours', skipped });
  const baseMemory = await runInChild<IngestMemory>('ingest-memory', { set, impl: 'baseline', skipped });
  const megabytes = bytes / 1e6;
  const figures = (items: number, failures: number, runsMs: number[], memory: IngestMemory): IngestImplFigures => {
    const medianMs = median(runsMs);
    return { items, failures, runsMs, medianMs, itemsPerSec: (items / medianMs) * 1000, mbPerSec: (megabytes / medianMs) * 1000, memory };
  };
  const ours = figures(oursItems, 0, oursMs, oursMemory);
  const baseline = figures(base.items, base.failures, baseMs, baseMemory);
  return {
    set,
    files: inputs.length,
    skipped,
    megabytes,
    ours,
    baseline,
    itemsPerSecRatio: ours.itemsPerSec / baseline.itemsPerSec,
    timeRatio: ours.medianMs / baseline.medianMs,
  };
}

/** The bytes of a set; corpus files our pipeline rejects by design are left out (found by trying them). */
async function loadSet(set: IngestSetName, knownSkipped?: string[]): Promise<{ inputs: Input[]; skipped: string[] }> {
  if (set === 'synthetic') {
    const origin = new Date(NOW.getTime() - 40 * 3_600_000);
    const feeds = generateSyntheticFeeds({ feeds: SYNTHETIC_FEEDS, itemsPerFeed: SYNTHETIC_ITEMS, origin });
    return { inputs: feeds.map(({ feed, body }) => ({ name: feed.name, url: `https://wire${feed.index}.example${feed.path}`, body })), skipped: [] };
  }
  const dir = sharedCorpusPath('feeds');
  const all = fs
    .readdirSync(dir)
    .filter((file) => !file.endsWith('.md') && !file.startsWith('.'))
    .sort()
    .map((file) => ({ name: file, url: `https://corpus.example/${file}`, body: fs.readFileSync(path.join(dir, file)) }));
  if (knownSkipped) return { inputs: all.filter((input) => !knownSkipped.includes(input.name)), skipped: knownSkipped };
  const skipped: string[] = [];
  for (const input of all) {
    await readFeedItems(input.body, undefined, input.url, { url: input.url, name: input.name }, NOW).catch(() => skipped.push(input.name));
  }
  return { inputs: all.filter((input) => !skipped.includes(input.name)), skipped };
}

async function passOurs(inputs: Input[]): Promise<number> {
  let items = 0;
  for (const input of inputs) {
    const read = await readFeedItems(input.body, undefined, input.url, { url: input.url, name: input.name }, NOW);
    items += read.items.length;
  }
  return items;
}

async function passBaseline(inputs: Input[], parser: Parser): Promise<{ items: number; failures: number }> {
  let items = 0;
  let failures = 0;
  for (const input of inputs) {
    try {
      items += (await parser.parseString(input.body.toString('utf8'))).items.length;
    } catch {
      failures += 1;
    }
  }
  return { items, failures };
}

/** The child side of the memory measurement: one pass of one implementation over one set. */
export async function measureIngestMemory(args: unknown): Promise<IngestMemory> {
  const { set, impl, skipped } = args as { set: IngestSetName; impl: 'ours' | 'baseline'; skipped: string[] };
  const { inputs } = await loadSet(set, skipped);
  const before = settledMemory();
  const sampler = sampleMemory(2);
  if (impl === 'ours') await passOurs(inputs);
  else await passBaseline(inputs, new Parser());
  const peak = sampler.stop();
  return { rssBeforeMb: before.rssMb, heapBeforeMb: before.heapUsedMb, peakRssMb: peakRssMb(), peakHeapUsedMb: peak.heapUsedMb };
}

export function formatIngestBench(f: IngestFigures): string[] {
  const lines = ['Ingest throughput (issue 2) — bytes in memory → deduplicated items (decode, parse, normalise, dedupe)'];
  for (const s of [f.corpus, f.synthetic]) {
    const title = s.set === 'corpus'
      ? `  (a) corpus: ${s.files} files of ../shared/corpus/feeds, ${s.megabytes.toFixed(1)} MB (left out, errors by design: ${s.skipped.join(', ') || 'none'})`
      : `  (b) synthetic: ${SYNTHETIC_FEEDS} feeds × ${SYNTHETIC_ITEMS} items (RSS 2.0 and Atom, HTML summaries), ${s.megabytes.toFixed(1)} MB`;
    lines.push(title, `      median of ${s.ours.runsMs.length} runs each, alternating`);
    const row = (label: string, r: IngestImplFigures, extra: string) =>
      `      ${label.padEnd(30)} ${formatRate(r.itemsPerSec, 'items/s').padStart(15)}  ${formatRate(r.mbPerSec, 'MB/s').padStart(10)}  ${r.items.toLocaleString('en').padStart(7)} items in ${formatMs(r.medianMs).padStart(8)}  peak RSS ${formatMb(r.memory.peakRssMb)} (${formatMb(r.memory.rssBeforeMb)} before), heap ${formatMb(r.memory.heapBeforeMb)} → ${formatMb(r.memory.peakHeapUsedMb)}${extra}`;
    lines.push(row('ours (readFeedItems)', s.ours, ''));
    lines.push(row('baseline (bare parseString)', s.baseline, s.baseline.failures > 0 ? `; ${s.baseline.failures} files failed to parse` : ''));
    lines.push(`      ours / baseline: items/s ${formatRatio(s.itemsPerSecRatio)}, time for the same bytes ${formatRatio(s.timeRatio)}`);
  }
  return lines;
}

export function summarizeIngestBench(f: IngestFigures): SummaryRow[] {
  return [f.corpus, f.synthetic].map((s) => ({
    figure: `Ingest, ${s.set === 'corpus' ? 'corpus' : `synthetic ${SYNTHETIC_FEEDS}×${SYNTHETIC_ITEMS}`}`,
    value: `${formatRate(s.ours.itemsPerSec, 'items/s')}, peak RSS ${formatMb(s.ours.memory.peakRssMb)}`,
    target: '',
    baseline: `parseString ${formatRate(s.baseline.itemsPerSec, 'items/s')} (ours/baseline ${formatRatio(s.itemsPerSecRatio)})`,
  }));
}
