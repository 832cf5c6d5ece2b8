import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createSilentLogger } from '../logger';
import type { NewsItem } from '../news/item';
import { openStores } from '../app/stores';
import { generateSyntheticDeals } from './synthetic-deal-items';

/**
 * The floor for the store (issue 11): how fast this machine's SQLite takes rows at all, against how
 * fast the item store takes items through the writer queue. The same 100,000 items (JSON, about 0.6 KB
 * each) both ways, on fresh files in WAL mode, `synchronous=NORMAL` as the store runs:
 *   bare   one prepared INSERT per item into a key/value table, 500 per transaction, nothing else;
 *   store  the item store's markSeen, 50 items a call (one feed's poll), 8 calls in flight (the
 *          poller's concurrency): each item is a row and its key and link hashes two more.
 */
export interface StoreFloorFigures {
  items: number;
  bareRowsPerSec: number;
  storeItemsPerSec: number;
  /** Rows written per item by the store (item, key hash, link hash). */
  storeRowsPerItem: number;
  /** Bytes on disk per item after the store's writes (WAL checkpointed). */
  storeBytesPerItem: number;
}

const ITEMS = 100_000;
const PER_TRANSACTION = 500;
const PER_CALL = 50;
const IN_FLIGHT = 8;

export async function measureStoreFloor(): Promise<StoreFloorFigures> {
  const items = generateSyntheticDeals({ items: ITEMS, deals: 10_000 }).items.map(({ item }) => item);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-bench-floor-'));
  try {
    const bareFile = path.join(dir, 'bare.sqlite');
    const db = new Database(bareFile);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO kv (key, value) VALUES (?, ?)');
    const write = db.transaction((chunk: NewsItem[]) => {
      for (const item of chunk) insert.run(`${item.feedUrl}\n${item.key}`, JSON.stringify(item));
    });
    let started = performance.now();
    for (let i = 0; i < items.length; i += PER_TRANSACTION) write(items.slice(i, i + PER_TRANSACTION));
    const bareMs = performance.now() - started;
    db.close();

    const storeFile = path.join(dir, 'store', 'crossover.sqlite');
    const stores = openStores(`sqlite://${storeFile}`, createSilentLogger());
    started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < items.length) {
          const chunk = items.slice(next, next + PER_CALL);
          next += PER_CALL;
          await stores.items.markSeen(chunk);
        }
      }),
    );
    const storeMs = performance.now() - started;
    await stores.keyv.pragma('PRAGMA wal_checkpoint(TRUNCATE)');
    await stores.close();
    const linked = items.filter((item) => item.link !== undefined).length;
    return {
      items: items.length,
      bareRowsPerSec: (items.length / bareMs) * 1000,
      storeItemsPerSec: (items.length / storeMs) * 1000,
      storeRowsPerItem: (items.length * 2 + linked) / items.length,
      storeBytesPerItem: fs.statSync(storeFile).size / items.length,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
