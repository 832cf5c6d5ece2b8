import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { Keyv } from 'keyv';
import type { PollLease } from '../feeds/poll';
import type { Logger } from '../logger';
import type { OutboxEntry, OutboxStore } from '../posts/outbox';
import { ensureFolder } from './check-sqlite-store';
import { asStoreFailure } from './store-failure';
import { createKeyvLease } from './lease-store';
import { checkNamespace } from './namespace-name';
import { createOutboxStore } from './outbox-store';
import { openPostgresFactory } from './postgres/open-postgres';
import type { KeyedLock } from './serialise';
import { createKeyedQueue } from './serialise';
import { parseStoreUrl } from './store-url';

export { countRecords, iterateNamespace } from './namespace-records';

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
  /**
   * The outbox over this store, with claims that keep its workers (of every process) apart.
   * `queueOf` is the delivery loop's rule for which queue an entry is in (posts/queue-state.ts).
   */
  outbox(queueOf: (entry: OutboxEntry) => string): OutboxStore;
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
          const rows: unknown = await query(sql, ...params);
          return rows;
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
