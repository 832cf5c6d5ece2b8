import type { OpenedStore } from '../../src/store/open-keyv';
import type { SqliteDatabase } from '../../src/store/sqlite-database';

/** The SQLite connection under a store that a test opened on a SQLite file (for what only SQLite has: pages, the raw keyv table). */
export function sqliteDatabaseOf(store: OpenedStore): SqliteDatabase {
  if (store.kind !== 'sqlite') throw new Error(`the test opened a ${store.kind} store, not a SQLite one`);
  return store.database;
}
