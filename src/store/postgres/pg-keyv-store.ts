import { EventEmitter } from 'node:events';
import type { PgDatabase } from './pg-database';
import { namespaceRange } from '../namespace-name';

/**
 * A Keyv store adapter over the Postgres store's own pool (pg-database.ts): table `keyv(key, value)`,
 * every namespace a key prefix in it, as on SQLite.
 *
 * Why not @keyv/postgres (2.2.3): its pool is private and has no 'error' listener, so a Postgres
 * restart crashes the process when an idle connection breaks; `disconnect()` ends a pool it shares
 * with every other adapter on the same URL; keys are VARCHAR(255); `clear()` builds a LIKE pattern
 * without escaping `_` and `%`. Here the pool belongs to the store: outages are survived and retried
 * (pg-database.ts), statements join the caller's transaction and fence, keys have no length limit,
 * and a namespace is a key range, not a pattern.
 */
export class PgKeyvStore extends EventEmitter {
  readonly ttlSupport = false;
  /** `dialect: 'postgres'` lets Keyv use this adapter's iterator. */
  readonly opts = { dialect: 'postgres', url: 'postgres', table: 'keyv' };
  /** Set by Keyv to the namespace of the Keyv that owns this adapter (used by clear and iterator). */
  namespace?: string;

  constructor(private readonly db: PgDatabase) {
    super();
  }

  async get(key: string): Promise<string | undefined> {
    const [row] = await this.db.read<{ value: string }>('SELECT value FROM keyv WHERE key = $1', [key]);
    return row?.value;
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    const found = new Map<string, string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await this.db.read<{ key: string; value: string }>('SELECT key, value FROM keyv WHERE key = ANY($1::text[])', [keys.slice(i, i + CHUNK)]);
      for (const row of rows) found.set(row.key, row.value);
    }
    return keys.map((key) => found.get(key));
  }

  async has(key: string): Promise<boolean> {
    return (await this.db.read('SELECT 1 FROM keyv WHERE key = $1', [key])).length > 0;
  }

  async hasMany(keys: string[]): Promise<boolean[]> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await this.db.read<{ key: string }>('SELECT key FROM keyv WHERE key = ANY($1::text[])', [keys.slice(i, i + CHUNK)]);
      for (const row of rows) found.add(row.key);
    }
    return keys.map((key) => found.has(key));
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.write('INSERT INTO keyv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** Many records in one statement per chunk (the last value of a key given twice wins); one transaction when there are several chunks. */
  async setMany(entries: { key: string; value: string }[]): Promise<void> {
    const latest = new Map(entries.map(({ key, value }) => [key, value]));
    const keys = [...latest.keys()];
    const write = async () => {
      for (let i = 0; i < keys.length; i += CHUNK) {
        const chunk = keys.slice(i, i + CHUNK);
        await this.db.write(
          'INSERT INTO keyv (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
          [chunk, chunk.map((key) => latest.get(key))],
        );
      }
    };
    if (keys.length > CHUNK) await this.db.transaction(write);
    else await write();
  }

  async delete(key: string): Promise<boolean> {
    return (await this.db.write('DELETE FROM keyv WHERE key = $1', [key])).rowCount > 0;
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    let deleted = 0;
    const write = async () => {
      for (let i = 0; i < keys.length; i += CHUNK) deleted += (await this.db.write('DELETE FROM keyv WHERE key = ANY($1::text[])', [keys.slice(i, i + CHUNK)])).rowCount;
    };
    if (keys.length > CHUNK) await this.db.transaction(write);
    else await write();
    return deleted > 0;
  }

  async clear(): Promise<void> {
    const [from, to] = namespaceRange(this.namespace);
    await this.db.write('DELETE FROM keyv WHERE key > $1 AND key < $2', [from, to]);
  }

  /** How many records the namespace holds (one count on the key index). */
  async count(namespace = this.namespace): Promise<number> {
    const [from, to] = namespaceRange(namespace);
    const [row] = await this.db.read<{ n: string }>('SELECT count(*) AS n FROM keyv WHERE key > $1 AND key < $2', [from, to]);
    return Number(row?.n ?? 0);
  }

  /** Every [key, value] of the namespace (keys with their prefix), in key order, a page at a time. */
  async *iterator(namespace = this.namespace): AsyncGenerator<[string, string]> {
    const [from, to] = namespaceRange(namespace);
    let last = from;
    for (;;) {
      const rows = await this.db.read<{ key: string; value: string }>(`SELECT key, value FROM keyv WHERE key > $1 AND key < $2 ORDER BY key LIMIT ${PAGE}`, [last, to]);
      for (const row of rows) yield [row.key, row.value];
      if (rows.length < PAGE) return;
      last = (rows[rows.length - 1] as { key: string }).key;
    }
  }

  /** The pool is the store's (it closes it), not this namespace's. */
  async disconnect(): Promise<void> {}
}

/** Keys per statement when reading, writing or deleting many. */
const CHUNK = 1000;
/** Records per page when a namespace is listed. */
const PAGE = 1000;
