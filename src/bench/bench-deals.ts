import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScope } from '../deals/scope';
import { STATUSES } from '../deals/types';
import type { Classification } from '../deals/types';
import { createSilentLogger } from '../logger';
import type { NewsItem } from '../news/item';
import { createDealStores } from '../app/deal-stores';
import { itemId } from '../shared/item-id';
import { openStores } from '../app/stores';
import { generateSyntheticDeals } from './synthetic-deal-items';

/**
 * Benchmark: the time to rebuild every deal timeline from 100,000 stored items (about 10,000 deals),
 * and the latency of the commands' queries on that store, for one server's scope.
 * Targets (issue 3 / the deal store brief): queries p99 under 50 ms; rebuild reported as measured.
 */
export interface DealBenchOptions {
  items?: number;
  deals?: number;
  queries?: number;
}

export interface LatencyFigures {
  median: number;
  p99: number;
  max: number;
}

export interface DealBenchResult {
  items: number;
  trackedItems: number;
  deals: number;
  stories: number;
  /** Reading the stored items back (the item store's namespace, paged). */
  readItemsMs: number;
  /** Clustering and folding every timeline in memory. */
  trackMs: number;
  /** Replacing the deal namespaces. */
  writeMs: number;
  rebuildTotalMs: number;
  /** A fresh process's first query: loading the cache from every deal and story record. */
  coldLoadMs: number;
  /** The same from the snapshot the first one saved (what a restart does). */
  snapshotLoadMs: number;
  /** Recording one new item live (read, decide, write, revision). */
  recordItem: LatencyFigures;
  findDeals: LatencyFigures;
  listDeals: LatencyFigures;
  autocompleteDeals: LatencyFigures;
  searchStories: LatencyFigures;
  /** A query right after another store instance wrote (the cache catches up through the log). */
  queryAfterForeignWrite: LatencyFigures;
}

export const QUERY_P99_TARGET_MS = 50;

export async function benchDeals(options: DealBenchOptions = {}): Promise<DealBenchResult> {
  const itemCount = options.items ?? 100_000;
  const corpus = generateSyntheticDeals({ items: itemCount + 200, deals: options.deals ?? 10_000 });
  const stored = corpus.items.slice(0, itemCount);
  const later = corpus.items.slice(itemCount);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-bench-deals-'));
  const url = `sqlite://${path.join(dir, 'bench.sqlite')}`;
  const stores = openStores(url, createSilentLogger());
  const { keyv } = stores;
  try {
    // What the poller stored; classifications stand in for the classifier (benchmarked on its own).
    for (let i = 0; i < stored.length; i += 50) await stores.items.markSeen(stored.slice(i, i + 50).map(({ item }) => item));
    await keyv.pragma('PRAGMA wal_checkpoint(TRUNCATE)');
    const classifications = new Map<string, Classification>(stored.map(({ item, classification }) => [itemId(item), classification]));

    const deals = createDealStores(keyv);
    let readItemsMs = 0;
    async function* storedItems(): AsyncGenerator<{ item: NewsItem; classification: Classification }> {
      let t = performance.now();
      for await (const item of stores.items.all()) {
        const classification = classifications.get(itemId(item));
        readItemsMs += performance.now() - t;
        if (classification !== undefined) yield { item, classification };
        t = performance.now();
      }
      readItemsMs += performance.now() - t;
    }
    const started = performance.now();
    const summary = await deals.rebuildDeals(storedItems());
    const rebuildTotalMs = performance.now() - started;

    const scope = createScope(corpus.defaultFeedUrls, corpus.serverFeedUrls.slice(0, 3));
    const reader = createDealStores(keyv);
    const coldStart = performance.now();
    await reader.warm();
    const coldLoadMs = performance.now() - coldStart;
    await reader.saveSnapshot();
    const snapshotStart = performance.now();
    await createDealStores(keyv).warm();
    const snapshotLoadMs = performance.now() - snapshotStart;

    const n = options.queries ?? 1000;
    const random = seeded(7);
    const pickSet = (): string[] => corpus.partySets[Math.floor(random() * corpus.partySets.length)] as string[];
    const formats = [(a: string, b: string) => `${a} ${b}`, (a: string, b: string) => `${b} x ${a}`, (a: string, b: string) => `${a.toLowerCase()} × ${b.toLowerCase()}`];
    const findDeals = await measure(n, async () => {
      const [a, b] = pickSet();
      await reader.findDeals(scope, (formats[Math.floor(random() * formats.length)] ?? formats[0])?.(a ?? '', b ?? '') ?? '');
    });
    const listDeals = await measure(n, async () => {
      const status = random() < 0.5 ? STATUSES[Math.floor(random() * STATUSES.length)] : undefined;
      const party = random() < 0.3 ? pickSet()[0] : undefined;
      await reader.listDeals(scope, { status, party, limit: 10, offset: Math.floor(random() * 5) * 10 });
    });
    const autocompleteDeals = await measure(n, async () => {
      const name = pickSet()[0] ?? '';
      await reader.autocompleteDeals(scope, name.slice(0, 1 + Math.floor(random() * name.length)));
    });
    const words = ['award shows', 'podcast', 'catalogue licensing', 'denies', 'acquisition stake', 'live concerts', 'royalty'];
    const searchStories = await measure(n, async () => {
      await reader.searchStories(scope, `${words[Math.floor(random() * words.length)]} ${random() < 0.5 ? (pickSet()[0] ?? '') : ''}`);
    });
    let next = 0;
    const recordItem = await measure(later.length / 2, async () => {
      const one = later[next++];
      if (one !== undefined) await deals.recordClassifiedItem(one.item, one.classification);
    });
    const queryAfterForeignWrite = await measure(later.length / 2, async () => {
      const one = later[next++];
      if (one !== undefined) await deals.recordClassifiedItem(one.item, one.classification);
      const started = performance.now();
      await reader.findDeals(scope, (one?.classification.parties ?? []).join(' '));
      return performance.now() - started;
    });

    return {
      items: summary.items,
      trackedItems: summary.tracked,
      deals: summary.deals,
      stories: summary.stories,
      readItemsMs,
      trackMs: summary.trackMs,
      writeMs: summary.writeMs,
      rebuildTotalMs,
      coldLoadMs,
      snapshotLoadMs,
      recordItem,
      findDeals,
      listDeals,
      autocompleteDeals,
      searchStories,
      queryAfterForeignWrite,
    };
  } finally {
    await stores.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `task` n times; a task may return its own duration (to leave out its setup). */
async function measure(n: number, task: () => Promise<number | void>): Promise<LatencyFigures> {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    const own = await task();
    times.push(typeof own === 'number' ? own : performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { median: at(0.5), p99: at(0.99), max: times.at(-1) ?? 0 };
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

export function formatDealBench(r: DealBenchResult): string[] {
  const ms = (v: number): string => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
  const lat = (name: string, f: LatencyFigures): string =>
    `  ${name.padEnd(26)} median ${ms(f.median).padStart(9)}   p99 ${ms(f.p99).padStart(9)}   max ${ms(f.max).padStart(9)}`;
  return [
    `Deal timelines: rebuild from ${r.items.toLocaleString('en')} stored items → ${r.deals.toLocaleString('en')} deals, ${r.stories.toLocaleString('en')} stories`,
    `  total ${ms(r.rebuildTotalMs)} (read stored items ${ms(r.readItemsMs)}, cluster + fold ${ms(r.trackMs)}, write ${ms(r.writeMs)})`,
    `  cache cold load (a new process's first query): ${ms(r.coldLoadMs)} from every record, ${ms(r.snapshotLoadMs)} from the snapshot`,
    `Deal queries, one server's scope (target p99 < ${QUERY_P99_TARGET_MS} ms):`,
    lat('findDeals', r.findDeals),
    lat('listDeals', r.listDeals),
    lat('autocompleteDeals', r.autocompleteDeals),
    lat('searchStories', r.searchStories),
    lat('after a foreign write', r.queryAfterForeignWrite),
    lat('recordClassifiedItem', r.recordItem),
  ];
}

if (require.main === module) {
  benchDeals()
    .then((result) => {
      for (const line of formatDealBench(result)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
