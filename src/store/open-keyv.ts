import path from 'node:path';
import type { Keyv } from 'keyv';
import type { PollLease } from '../feeds/poll';
import type { Logger } from '../logger';
import type { OutboxEntry, OutboxStore } from '../posts/outbox';
import { ensureFolder } from './check-sqlite-store';
import type { ItemStore } from './item-store';
import { createItemStore } from './item-store';
import { keyvOver } from './keyv-json';
import { createKeyvLease } from './lease-store';
import { checkNamespace } from './namespace-name';
import { createOutboxStore } from './outbox-store';
import type { PostgresFactory } from './postgres/open-postgres';
import { openPostgresFactory } from './postgres/open-postgres';
import type { KeyedLock } from '../shared/keyed-lock';
import { createKeyedQueue } from '../shared/keyed-lock';
import type { SqliteDatabase } from './sqlite-database';
import { openSqliteDatabase } from './sqlite-database';
import { sqliteItemTables } from './sqlite-item-tables';
import { SqliteKeyvStore } from './sqlite-keyv-store';
import { createStoreSchema } from './sqlite-schema';
import { parseStoreUrl } from './store-url';

export { countRecords, iterateNamespace, namespaceRecords } from './namespace-records';

/**
 * An open store: one Keyv per namespace (records), and what each backend does its own way. SQLite
 * serves one process (a second one on the same file is tolerated, best-effort); Postgres any number
 * of processes on any number of machines, with what must be atomic done by Postgres itself.
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
  /**
   * The outbox over this store, with claims that keep its workers (of every process) apart.
   * `queueOf` is the delivery loop's rule for which queue an entry is in (posts/queue-state.ts).
   */
  outbox(queueOf: (entry: OutboxEntry) => string): OutboxStore;
  /** The lease that makes one process at a time the poller. */
  pollLease(name: string, ttlMs: number): PollLease;
  /** What Crossover has seen of each feed: each store's own item tables (sqlite-item-tables.ts, postgres/pg-item-store.ts). */
  items(): ItemStore;
  /** Runs a PRAGMA (tests set max_page_count to fill the "disk"; benchmarks checkpoint after bulk writes). SQLite only. */
  pragma(statement: string): Promise<void>;
  close(): Promise<void>;
}

/** The store on SQLite, with the one connection under every namespace (for what Keyv cannot do, and tests). */
export interface SqliteFactory extends KeyvFactory {
  readonly kind: 'sqlite';
  readonly database: SqliteDatabase;
}

/** A store as opened from DATABASE_URL: which one it is says what its `database` is. */
export type OpenedStore = SqliteFactory | PostgresFactory;

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
 * Opens the store named by DATABASE_URL: `postgres://` (postgres/open-postgres.ts) or `sqlite://`:
 * one connection for the whole process (sqlite-database.ts), under every Keyv namespace
 * (sqlite-keyv-store.ts) and under the tables that Keyv cannot serve (sqlite-schema.ts).
 */
export function openKeyvFactory(url: string, log: Logger): OpenedStore {
  const location = parseStoreUrl(url);
  if (location.kind === 'invalid') throw new UnsupportedStoreError(location.problem);
  if (location.kind === 'postgres') return openPostgresFactory(location.url, location.shown, log);
  const folderProblem = ensureFolder(path.dirname(path.resolve(location.file)));
  if (folderProblem) throw new UnsupportedStoreError(folderProblem);
  const database = openSqliteDatabase(location.file, createStoreSchema);
  const serialise = createKeyedQueue();

  const factory: SqliteFactory = {
    kind: 'sqlite',
    database,
    namespace<T>(name: string): Keyv<T> {
      checkNamespace(name);
      return keyvOver<T>(new SqliteKeyvStore(database), name, log);
    },
    transaction: (lock, work) => serialise(lock, work),
    outbox: () => createOutboxStore({ outbox: factory.namespace('outbox'), sent: factory.namespace('sent'), skipped: factory.namespace('skipped-posts') }),
    pollLease: (name, ttlMs) => createKeyvLease(factory.namespace('leases'), name, ttlMs),
    items: () => createItemStore(sqliteItemTables(database), factory.namespace('pending')),
    async pragma(statement) {
      if (!/^PRAGMA [a-z_]+( ?= ?[\w.-]+|\([a-z]+\))?$/i.test(statement)) throw new Error(`not a PRAGMA: ${statement}`);
      await database.outside((db) => db.exec(statement));
    },
    close: () => database.close(),
  };
  return factory;
}
