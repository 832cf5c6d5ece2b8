import path from 'node:path';
import Database from 'better-sqlite3';
import { asStoreFailure } from '../shared/store-failure';

export type Connection = Database.Database;

/**
 * The one connection to the SQLite file, and the one queue every statement goes through.
 *
 * better-sqlite3 runs each statement on the main thread, synchronously: it never takes one of
 * libuv's worker threads (which DNS lookups and decompression share), and a transaction is one
 * synchronous call, so it can never span an `await`. Work queued in the same turn of the event loop
 * is committed together (one transaction), each piece in a savepoint of its own so that one failing
 * piece undoes only itself; reads alone run without one. A group stops after GROUP_MAX pieces or once
 * it has run GROUP_MS (the rest wait for the next turn) so that no transaction holds the event loop
 * for long. Nothing inside the process ever waits for a lock, so
 * SQLITE_BUSY can only come from another process on the same file (after `busy_timeout`).
 */
export interface SqliteDatabase {
  /** The database file, absolute. */
  readonly file: string;
  /** Runs `work` in the writer's next transaction; resolves with its result once that is committed. */
  write<T>(work: (db: Connection) => T): Promise<T>;
  /** Runs `work` in order with the queued writes (it sees every write queued before it). */
  read<T>(work: (db: Connection) => T): Promise<T>;
  /**
   * Runs `work` between transactions, once everything queued before it is committed: for what
   * SQLite refuses inside a transaction (a checkpoint, some PRAGMAs).
   */
  outside<T>(work: (db: Connection) => T): Promise<T>;
  close(): Promise<void>;
}

/** Pieces of work committed together at most; more wait for the next turn of the event loop. */
const GROUP_MAX = 2000;
/** A group stops taking pieces once it has run this long. */
const GROUP_MS = 20;
/** How long a statement waits for another process's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

interface Pending {
  work: (db: Connection) => unknown;
  write: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Opens (creating if needed) the SQLite file in WAL mode. `schema` runs once, in a transaction,
 * before anything else. Commits do not wait for the disk (`synchronous=NORMAL`, safe in WAL mode): a
 * commit survives a killed process as soon as its promise resolves, and a power cut can lose the
 * last moments' commits (those the system had not written back yet, usually seconds), never corrupt
 * the file. A commit that waited for the disk (FULL) would hold the event loop for an fsync each time,
 * a few milliseconds here and far more on a busy disk, and tracking commits once per item.
 */
export function openSqliteDatabase(file: string, schema: (db: Connection) => void = () => undefined): SqliteDatabase {
  const absolute = path.resolve(file);
  const fail = (error: unknown): unknown => asStoreFailure(error, absolute) ?? error;
  let db: Connection;
  try {
    db = new Database(absolute, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.transaction(() => schema(db)).immediate();
  } catch (error) {
    throw fail(error);
  }
  const queue: Pending[] = [];
  let scheduled = false;
  let closed = false;

  /** Runs one piece; in a transaction, in a savepoint of its own so that its failure undoes only itself. */
  const run = (piece: Pending, inTransaction: boolean): { ok: boolean; value: unknown } => {
    if (!inTransaction) {
      try {
        return { ok: true, value: piece.work(db) };
      } catch (error) {
        return { ok: false, value: fail(error) };
      }
    }
    db.exec('SAVEPOINT piece');
    try {
      const value = piece.work(db);
      db.exec('RELEASE piece');
      return { ok: true, value };
    } catch (error) {
      // Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction:
      // then every piece of the group is undone, and fails.
      if (!db.inTransaction) throw error;
      db.exec('ROLLBACK TO piece');
      db.exec('RELEASE piece');
      return { ok: false, value: fail(error) };
    }
  };

  /** Runs the next group: in one transaction when it writes; reads alone need none. */
  const flush = (): void => {
    scheduled = false;
    if (queue.length === 0 || closed) return;
    const writes = queue.slice(0, GROUP_MAX).some((p) => p.write);
    const started = performance.now();
    const group: Pending[] = [];
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      if (writes) db.exec('BEGIN IMMEDIATE');
      while (queue.length > 0 && group.length < GROUP_MAX && (group.length === 0 || performance.now() - started < GROUP_MS)) {
        const piece = queue.shift() as Pending;
        group.push(piece);
        results.push(run(piece, writes));
      }
      if (writes) db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      const failure = fail(error);
      for (const piece of group) piece.reject(failure);
      schedule();
      return;
    }
    group.forEach((piece, i) => {
      const result = results[i] as { ok: boolean; value: unknown };
      if (result.ok) piece.resolve(result.value);
      else piece.reject(result.value);
    });
    schedule();
  };
  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };
  const enqueue = <T>(work: (db: Connection) => T, write: boolean): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (closed) {
        reject(new Error(`the store ${absolute} is closed`));
        return;
      }
      queue.push({ work, write, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });

  return {
    file: absolute,
    write: (work) => enqueue(work, true),
    read: (work) => enqueue(work, false),
    async outside(work) {
      // The queued no-op resolves in a microtask after its group's commit, before any other group starts.
      await enqueue(() => undefined, false);
      try {
        return work(db);
      } catch (error) {
        throw fail(error);
      }
    },
    async close() {
      if (closed) return;
      // What is queued is still committed; then the file is closed (which checkpoints the log).
      await enqueue(() => undefined, false).catch(() => undefined);
      closed = true;
      db.close();
    },
  };
}

const prepared = new WeakMap<Connection, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
export function statement(db: Connection, sql: string): Database.Statement {
  let cache = prepared.get(db);
  if (cache === undefined) {
    cache = new Map();
    prepared.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (stmt === undefined) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
