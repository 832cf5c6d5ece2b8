import type { NewsItem } from '../news/item';
import { itemId, linkId } from './item-id';
import type { Connection } from './sqlite-database';
import { statement } from './sqlite-database';

/**
 * The item store's two tables, below Keyv because retention needs what Keyv has not: records found
 * by age, and deleted by age in small batches.
 * - seen (hash, at): the seen-key set, one fixed-size hash per item key and per canonical link of a
 *   feed, with when it was last in the feed. About 60 bytes a key (with its index), so it is kept
 *   much longer than the items themselves: dedupe never needs an item's text.
 * - items (id, at, value): each item as first seen (for rebuilding deals and for reading back),
 *   `at` being when it was first seen.
 */

/** The seen-set keys of an item (its id and its link's id, 24 bytes each). */
export function seenKeys(item: NewsItem): Buffer[] {
  const link = linkId(item);
  return link === undefined ? [Buffer.from(itemId(item), 'base64url')] : [Buffer.from(itemId(item), 'base64url'), Buffer.from(link, 'base64url')];
}

/** Of these keys, the ones in the set, with when each was last seen. */
export function findSeen(db: Connection, keys: readonly Buffer[]): Map<string, number> {
  const select = statement(db, 'SELECT at FROM seen WHERE hash = ?');
  const found = new Map<string, number>();
  for (const key of keys) {
    const row = select.get(key) as { at: number } | undefined;
    if (row !== undefined) found.set(key.toString('base64url'), row.at);
  }
  return found;
}

/** Adds keys to the set, or moves their time forward. */
export function recordSeen(db: Connection, keys: readonly Buffer[], at: number): void {
  const upsert = statement(db, 'INSERT INTO seen (hash, at) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET at = max(at, excluded.at)');
  for (const key of keys) upsert.run(key, at);
}

/** Stores items as first seen (an item stored before keeps its record). */
export function storeItems(db: Connection, items: readonly NewsItem[]): void {
  const insert = statement(db, 'INSERT INTO items (id, at, value) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING');
  for (const item of items) insert.run(itemId(item), Date.parse(item.firstSeen) || Date.now(), JSON.stringify(item));
}

export function readItem(db: Connection, id: string): NewsItem | undefined {
  const row = statement(db, 'SELECT value FROM items WHERE id = ?').get(id) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as NewsItem);
}

/** Up to `limit` items stored after row `after`, in the order they were stored. */
export function readItems(db: Connection, after: number, limit: number): { rowid: number; item: NewsItem }[] {
  const rows = statement(db, 'SELECT rowid, value FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?').all(after, limit) as { rowid: number; value: string }[];
  return rows.map((row) => ({ rowid: row.rowid, item: JSON.parse(row.value) as NewsItem }));
}

/** Deletes up to `limit` rows of `table` older than `before` (ms), oldest first; how many it deleted. */
export function deleteOlder(db: Connection, table: 'seen' | 'items', before: number, limit: number): number {
  const key = table === 'seen' ? 'hash' : 'id';
  return statement(db, `DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM ${table} WHERE at < ? ORDER BY at LIMIT ?)`).run(before, limit).changes;
}

/**
 * Moves the items and links of a store written before these tables (Keyv records `items:<id>` →
 * NewsItem, `links:<id>` → item id) into them, so that nothing seen before is new after an upgrade.
 */
export function migrateLegacyItems(db: Connection, keyvTable: string): void {
  const now = Date.now();
  const page = db.prepare(`SELECT key, value FROM ${keyvTable} WHERE key > ? AND key < ? ORDER BY key LIMIT 1000`);
  for (const prefix of ['items', 'links']) {
    let last = `${prefix}:`;
    for (;;) {
      const rows = page.all(last, `${prefix};`) as { key: string; value: string }[];
      for (const row of rows) {
        if (prefix === 'links') {
          recordSeen(db, [Buffer.from(row.key.slice('links:'.length), 'base64url')], now);
          continue;
        }
        const item = (JSON.parse(row.value) as { value?: NewsItem }).value;
        if (item === undefined) continue;
        storeItems(db, [item]);
        recordSeen(db, seenKeys(item), now);
      }
      if (rows.length < 1000) break;
      last = (rows[rows.length - 1] as { key: string }).key;
    }
  }
  db.prepare(`DELETE FROM ${keyvTable} WHERE (key > 'items:' AND key < 'items;') OR (key > 'links:' AND key < 'links;')`).run();
}
