import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { Connection, SqliteDatabase } from './sqlite-database';
import { statement } from './sqlite-database';
import { namespaceRange } from './namespace-name';

/**
 * A Keyv store adapter over the one shared connection (sqlite-database.ts). Every namespace is a
 * key prefix in one table, `keyv(key, value)`, the table @keyv/sqlite uses, so a file written by
 * earlier versions opens as it is. Unlike @keyv/sqlite (one sqlite3 connection per adapter, its
 * statements on libuv's worker threads), every namespace shares the connection and its writer
 * queue, and `setMany`/`deleteMany` are each one transaction.
 */
export const KEYV_TABLE = 'keyv';

export function createKeyvTable(db: Connection): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${KEYV_TABLE}(key VARCHAR(255) PRIMARY KEY, value TEXT)`);
}

/** Keys per statement when reading or deleting many (they go in as one JSON array). */
const CHUNK = 500;
/** Records per page when a namespace is listed. */
const PAGE = 1000;

export class SqliteKeyvStore extends EventEmitter {
  readonly ttlSupport = false;
  readonly opts = { dialect: 'sqlite', table: KEYV_TABLE, url: 'sqlite' };
  /** Set by Keyv to the namespace of the Keyv that owns this adapter (used by clear and iterator). */
  namespace?: string;
  /** Inside together(): writes held until it commits them as one transaction. */
  private held: ((db: Connection) => unknown)[] | undefined;

  constructor(private readonly database: SqliteDatabase) {
    super();
  }

  async get(key: string): Promise<string | undefined> {
    return this.database.read((db) => (statement(db, 'SELECT value FROM keyv WHERE key = ?').get(key) as Row | undefined)?.value);
  }

  async getMany(keys: string[]): Promise<(string | undefined)[]> {
    return this.database.read((db) => {
      const found = new Map<string, string>();
      const select = statement(db, 'SELECT key, value FROM keyv WHERE key IN (SELECT value FROM json_each(?))');
      for (let i = 0; i < keys.length; i += CHUNK) {
        for (const row of select.all(JSON.stringify(keys.slice(i, i + CHUNK))) as KeyRow[]) found.set(row.key, row.value);
      }
      return keys.map((key) => found.get(key));
    });
  }

  async has(key: string): Promise<boolean> {
    return this.database.read((db) => statement(db, 'SELECT 1 FROM keyv WHERE key = ?').get(key) !== undefined);
  }

  async hasMany(keys: string[]): Promise<boolean[]> {
    return this.database.read((db) => {
      const found = new Set<string>();
      const select = statement(db, 'SELECT key FROM keyv WHERE key IN (SELECT value FROM json_each(?))');
      for (let i = 0; i < keys.length; i += CHUNK) {
        for (const row of select.all(JSON.stringify(keys.slice(i, i + CHUNK))) as { key: string }[]) found.add(row.key);
      }
      return keys.map((key) => found.has(key));
    });
  }

  async set(key: string, value: string): Promise<void> {
    await this.write((db) => void upsert(db).run(key, value));
  }

  async setMany(entries: { key: string; value: string }[]): Promise<void> {
    await this.write((db) => {
      const insert = upsert(db);
      for (const { key, value } of entries) insert.run(key, value);
    });
  }

  async delete(key: string): Promise<boolean> {
    return this.write((db) => statement(db, 'DELETE FROM keyv WHERE key = ?').run(key).changes > 0, true);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    return this.write((db) => {
      const del = statement(db, 'DELETE FROM keyv WHERE key IN (SELECT value FROM json_each(?))');
      let changes = 0;
      for (let i = 0; i < keys.length; i += CHUNK) changes += del.run(JSON.stringify(keys.slice(i, i + CHUNK))).changes;
      return changes > 0;
    }, true);
  }

  /**
   * Runs `work` (sets and deletes through this adapter's Keyv) and commits every write it made as
   * one transaction, once it is done: all of them or none. Reads meanwhile see none of them, and a
   * delete inside reports true whether or not the record was there.
   */
  async together(work: () => Promise<void>): Promise<void> {
    if (this.held !== undefined) throw new Error('together() does not nest');
    const held: ((db: Connection) => unknown)[] = [];
    this.held = held;
    try {
      await work();
    } finally {
      this.held = undefined;
    }
    await this.database.write((db) => held.forEach((piece) => piece(db)));
  }

  private async write<T>(piece: (db: Connection) => T, heldResult?: T): Promise<T> {
    if (this.held === undefined) return this.database.write(piece);
    this.held.push(piece);
    return heldResult as T;
  }

  async clear(): Promise<void> {
    const [from, to] = namespaceRange(this.namespace);
    await this.database.write((db) => void statement(db, 'DELETE FROM keyv WHERE key > ? AND key < ?').run(from, to));
  }

  /** How many records the namespace holds (one indexed count). */
  async count(namespace = this.namespace): Promise<number> {
    const [from, to] = namespaceRange(namespace);
    return this.database.read((db) => (statement(db, 'SELECT count(*) AS n FROM keyv WHERE key > ? AND key < ?').get(from, to) as { n: number }).n);
  }

  /** Every [key, value] of the namespace (keys with their prefix), in key order, a page at a time. */
  async *iterator(namespace = this.namespace): AsyncGenerator<[string, string]> {
    const [from, to] = namespaceRange(namespace);
    let last = from;
    for (;;) {
      const after = last;
      const rows = await this.database.read((db) =>
        statement(db, `SELECT key, value FROM keyv WHERE key > ? AND key < ? ORDER BY key LIMIT ${PAGE}`).all(after, to) as KeyRow[],
      );
      for (const row of rows) yield [row.key, row.value];
      if (rows.length < PAGE) return;
      last = (rows[rows.length - 1] as KeyRow).key;
    }
  }

  /** Moves the write-ahead log into the database file (after a bulk write). */
  async checkpoint(): Promise<void> {
    await this.database.outside((db) => void db.pragma('wal_checkpoint(TRUNCATE)'));
  }

  /** The connection is the store's (open-keyv.ts closes it), not this namespace's. */
  async disconnect(): Promise<void> {}
}

interface Row {
  value: string;
}
interface KeyRow extends Row {
  key: string;
}

function upsert(db: Connection): Database.Statement {
  return statement(db, 'INSERT INTO keyv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
}
