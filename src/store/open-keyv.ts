import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { PollLease } from '../feeds/poll-turns';
import type { Logger } from '../logger';
import type { OutboxStore } from '../posts/outbox';
import { ensureFolder } from './check-sqlite-store';
import { asStoreFailure } from './store-failure';
import { createKeyvLease } from './lease-store';
import { checkNamespace } from './namespace-name';
import { createOutboxStore } from './outbox-store';
import { openPostgresFactory } from './postgres/open-postgres';
import { PgKeyvStore } from './postgres/pg-keyv-store';
import type { KeyedLock } from './serialise';
import { createKeyedQueue } from './serialise';
import { parseStoreUrl } from './store-url';

/**
 * An open store: one Keyv per namespace, and what each backend does its own way. SQLite serves one
 * process (a second one on the same file is tolerated, best-effort); Postgres any number of processes
 * on any number of machines, with what must be atomic done by Postgres itself.
 */
export interface KeyvFactory {
  readonly kind: 'sqlite' | 'postgres';
  namespace<T>(name: string): Keyv<T>;
  /**
   * Runs `work` alone for `lock` among every process sharing the store. On Postgres its writes are
   * one transaction under an advisory lock; on SQLite (one process) it waits for this process's
   * other work under the same lock.
   */
  transaction<T>(lock: string, work: () => Promise<T>): Promise<T>;
  /** The outbox over this store, with claims that keep its workers (of every process) apart. */
  outbox(): OutboxStore;
  /** The lease that makes one process at a time the poller. */
  pollLease(name: string, ttlMs: number): PollLease;
  /** Runs a PRAGMA on every connection opened so far (tests set max_page_count to fill the "disk"). SQLite only. */
  pragma(statement: string): Promise<void>;
  close(): Promise<void>;
}

/** Read-modify-write of one kind of record, alone across every process sharing the store: the lock is `kind:key`. */
export function recordLock(factory: KeyvFactory, kind: string): KeyedLock {
  return (key, work) => factory.transaction(`${kind}:${key}`, work);
}

export class UnsupportedStoreError extends Error {
  constructor(detail: string) {
    super(`DATABASE_URL: ${detail}`);
    this.name = 'UnsupportedStoreError';
  }
}

/**
 * Opens the store named by DATABASE_URL: `postgres://` (postgres/open-postgres.ts) or `sqlite://`.
 * On SQLite each namespace gets its own adapter (a Keyv adapter holds one namespace) on the same
 * file, in WAL mode with a busy timeout so that writers on separate connections wait for each other
 * instead of failing. Keyv errors are logged, never thrown out of an event emitter (which would
 * crash the process).
 */
export function openKeyvFactory(url: string, log: Logger): KeyvFactory {
  const location = parseStoreUrl(url);
  if (location.kind === 'invalid') throw new UnsupportedStoreError(location.problem);
  if (location.kind === 'postgres') return openPostgresFactory(location.url, location.shown, log);
  const { file } = location;
  const folderProblem = ensureFolder(path.dirname(path.resolve(file)));
  if (folderProblem) throw new UnsupportedStoreError(folderProblem);
  const adapters: KeyvSqlite[] = [];
  let walReady: Promise<unknown> | undefined;
  const serialise = createKeyedQueue();

  const factory: KeyvFactory = {
    kind: 'sqlite',
    namespace<T>(name: string): Keyv<T> {
      // Also: the SQLite adapter lists a namespace with LIKE 'name:%', where _ and % are wildcards.
      checkNamespace(name);
      const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 10_000, iterationLimit: 1000 });
      adapter.on('error', (error: unknown) => log.error({ err: error, namespace: name }, 'store error'));
      // A failure of the store itself (full disk, read-only, corrupt) comes out as a StoreFailure
      // naming the file, whichever record met it.
      const query = adapter.query;
      adapter.query = async (sql, ...params) => {
        try {
          return await query(sql, ...params);
        } catch (error) {
          throw asStoreFailure(error, path.resolve(file)) ?? error;
        }
      };
      // A connection that cannot open fails every query on it, which reports it; this keeps the
      // same failure from also surfacing as an unhandled rejection when no query has run yet.
      void adapter.query('SELECT 1').catch(() => undefined);
      adapters.push(adapter);
      walReady ??= adapter.query('PRAGMA journal_mode=WAL').catch(() => undefined);
      // A failed read must never look like a missing record, nor a failed write like a success:
      // callers then overwrite what they could not read, or report "done" for what was not stored.
      const keyv = new Keyv<T>({ store: adapter, namespace: name, throwOnErrors: true });
      keyv.on('error', (error: unknown) => log.error({ err: error, namespace: name }, 'store error'));
      return keyv;
    },
    transaction: (lock, work) => serialise(lock, work),
    outbox: () => createOutboxStore({ outbox: factory.namespace('outbox'), sent: factory.namespace('sent'), skipped: factory.namespace('skipped-posts') }),
    pollLease: (name, ttlMs) => createKeyvLease(factory.namespace('leases'), name, ttlMs),
    async pragma(statement) {
      if (!/^PRAGMA [a-z_]+( ?= ?[\w.-]+)?$/i.test(statement)) throw new Error(`not a PRAGMA: ${statement}`);
      await Promise.all(adapters.map((adapter) => adapter.query(statement)));
    },
    async close() {
      await walReady;
      await Promise.allSettled(adapters.map((adapter) => adapter.disconnect()));
    },
  };
  return factory;
}

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
        const data = (await keyv.deserializeData(row.value)) as { value?: T; expires?: number } | undefined;
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
