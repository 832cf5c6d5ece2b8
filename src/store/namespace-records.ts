import type { Keyv } from 'keyv';
import { PgKeyvStore } from './postgres/pg-keyv-store';

/** Reading a whole namespace: how many records it holds, and each of them, a page at a time. */

const PAGE = 1000;

/** How many records a namespace holds: one indexed count on SQLite and Postgres, a walk through the records elsewhere. */
export async function countRecords(keyv: Keyv<unknown>): Promise<number> {
  if (keyv.store instanceof PgKeyvStore) return keyv.store.count(keyv.namespace);
  const store = keyv.store as Partial<SqlAdapter> | undefined;
  const prefix = `${keyv.namespace ?? ''}:`;
  if (typeof store?.query === 'function' && store.opts?.table) {
    const sql = `SELECT count(*) AS n FROM ${store.opts.table} WHERE key > ? AND key < ?`;
    const [row] = (await store.query.call(store, sql, prefix, `${prefix.slice(0, -1)};`)) as unknown as { n: number }[];
    return Number(row?.n ?? 0);
  }
  let count = 0;
  for await (const _ of iterateNamespace(keyv)) count += 1;
  return count;
}

interface SqlAdapter {
  query(sql: string, ...params: unknown[]): Promise<{ key: string; value: string }[]>;
  opts: { table: string };
}

/**
 * Every [key, value] of a namespace (keys without the namespace prefix), in key order. On SQLite it
 * pages by key (`key > last`, on the primary key index) instead of the adapter's LIMIT/OFFSET, which
 * rescans the table for every page; other adapters use Keyv's own iterator. Not for hot paths.
 */
export async function* iterateNamespace<T>(keyv: Keyv<T>): AsyncGenerator<[string, T]> {
  const prefix = `${keyv.namespace ?? ''}:`;
  const store = keyv.store as Partial<SqlAdapter> | undefined;
  if (typeof store?.query === 'function' && store.opts?.table) {
    const sql = `SELECT key, value FROM ${store.opts.table} WHERE key > ? AND key < ? ORDER BY key LIMIT ${PAGE}`;
    // ';' sorts right after ':', so [prefix, prefix-with-';') is exactly the namespace.
    const end = `${prefix.slice(0, -1)};`;
    let last = prefix;
    for (;;) {
      const rows = await store.query.call(store, sql, last, end);
      for (const row of rows) {
        const data = await keyv.deserializeData<T>(row.value);
        if (data?.value !== undefined && !(typeof data.expires === 'number' && data.expires < Date.now())) {
          yield [row.key.slice(prefix.length), data.value];
        }
      }
      if (rows.length < PAGE) return;
      last = (rows[rows.length - 1] as { key: string }).key;
    }
  }
  if (!keyv.iterator) return;
  for await (const [key, value] of keyv.iterator(keyv.namespace) as AsyncIterable<[string, T]>) {
    yield [key.startsWith(prefix) ? key.slice(prefix.length) : key, value];
  }
}
