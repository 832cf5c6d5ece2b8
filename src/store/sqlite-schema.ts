import { createKeyvTable, KEYV_TABLE } from './sqlite-keyv-store';
import type { Connection } from './sqlite-database';
import { migrateLegacyItems } from './sqlite-item-tables';

/** The schema version this build writes (PRAGMA user_version); 0 is a store of Keyv records only. */
const SCHEMA_VERSION = 1;

/**
 * The store's tables, created or brought up to date when the file is opened (in one transaction):
 * - keyv: every Keyv namespace (feed states, subscriptions, deals, the outbox …), as @keyv/sqlite lays it out;
 * - seen, items: what the item store needs beyond Keyv (sqlite-item-tables.ts).
 */
export function createStoreSchema(db: Connection): void {
  createKeyvTable(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) return;
  db.exec(`
    CREATE TABLE IF NOT EXISTS seen (hash BLOB PRIMARY KEY, day INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS seen_day ON seen (day);
    CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, at INTEGER NOT NULL, value TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS items_at ON items (at);
  `);
  migrateLegacyItems(db, KEYV_TABLE);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
}
