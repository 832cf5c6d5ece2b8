import path from 'node:path';
import { Keyv } from 'keyv';
import type { Logger } from '../logger';
import { ensureFolder } from './check-sqlite-store';
import { deserializeRecord, serializeRecord } from './keyv-json';
import type { SqliteDatabase } from './sqlite-database';
import { openSqliteDatabase } from './sqlite-database';
import { createStoreSchema } from './sqlite-schema';
import { SqliteKeyvStore } from './sqlite-keyv-store';
import { parseStoreUrl } from './store-url';

/** An open store: one Keyv per namespace (records), and the database itself for what Keyv cannot do. */
export interface KeyvFactory {
  namespace<T>(name: string): Keyv<T>;
  /** The SQLite database under every namespace (one connection, one writer queue). */
  readonly database: SqliteDatabase;
  /** Runs a PRAGMA (tests set max_page_count to fill the "disk"; benchmarks checkpoint after bulk writes). */
  pragma(statement: string): Promise<void>;
  close(): Promise<void>;
}

export class UnsupportedStoreError extends Error {
  constructor(detail: string) {
    super(`DATABASE_URL: ${detail}`);
    this.name = 'UnsupportedStoreError';
  }
}

/** What this build says of a Postgres URL: the syntax is the contract's, the store is not built yet. */
export function postgresNotSupported(shown: string): string {
  return `${shown} is a Postgres store, which this build of Crossover does not support yet; use sqlite://path/to/file.sqlite for now`;
}

/**
 * Opens the store named by DATABASE_URL. SQLite is what ships: one connection for the whole
 * process (sqlite-database.ts), under every Keyv namespace (sqlite-keyv-store.ts) and under the
 * tables that Keyv cannot serve (sqlite-schema.ts). Keyv errors are logged, never thrown out of an
 * event emitter (which would crash the process).
 */
export function openKeyvFactory(url: string, log: Logger): KeyvFactory {
  const location = parseStoreUrl(url);
  if (location.kind === 'invalid') throw new UnsupportedStoreError(location.problem);
  if (location.kind === 'postgres') throw new UnsupportedStoreError(postgresNotSupported(location.shown));
  const folderProblem = ensureFolder(path.dirname(path.resolve(location.file)));
  if (folderProblem) throw new UnsupportedStoreError(folderProblem);
  const database = openSqliteDatabase(location.file, createStoreSchema);

  return {
    database,
    namespace<T>(name: string): Keyv<T> {
      if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad namespace "${name}"`);
      const adapter = new SqliteKeyvStore(database);
      adapter.on('error', (error: unknown) => log.error({ err: error, namespace: name }, 'store error'));
      // A failed read must never look like a missing record, nor a failed write like a success:
      // callers then overwrite what they could not read, or report "done" for what was not stored.
      const keyv = new Keyv<T>({ store: adapter, namespace: name, throwOnErrors: true, serialize: serializeRecord, deserialize: deserializeRecord });
      keyv.on('error', (error: unknown) => log.error({ err: error, namespace: name }, 'store error'));
      return keyv;
    },
    async pragma(statement) {
      if (!/^PRAGMA [a-z_]+( ?= ?[\w.-]+|\([a-z]+\))?$/i.test(statement)) throw new Error(`not a PRAGMA: ${statement}`);
      await database.outside((db) => db.exec(statement));
    },
    close: () => database.close(),
  };
}

/** How many records a namespace holds: one indexed count on SQLite, a walk through the records elsewhere. */
export async function countRecords(keyv: Keyv<unknown>): Promise<number> {
  if (keyv.store instanceof SqliteKeyvStore) return keyv.store.count(keyv.namespace);
  let count = 0;
  for await (const _ of iterateNamespace(keyv)) count += 1;
  return count;
}

/** Every [key, value] of a namespace (keys without the namespace prefix), in key order on SQLite. Not for hot paths. */
export async function* iterateNamespace<T>(keyv: Keyv<T>): AsyncGenerator<[string, T]> {
  if (!keyv.iterator) return;
  const prefix = `${keyv.namespace ?? ''}:`;
  for await (const [key, value] of keyv.iterator(keyv.namespace) as AsyncIterable<[string, T]>) {
    yield [key.startsWith(prefix) ? key.slice(prefix.length) : key, value];
  }
}
