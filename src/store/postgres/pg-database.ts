import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientBase, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { escapeLiteral, pgDriver } from './pg-driver';
import type { Logger } from '../../logger';
import { asPgStoreFailure, describeConnectionLoss, isConnectionLoss } from './pg-errors';

/**
 * A condition that every fenced write checks in its transaction, before it writes: a statement that
 * returns a row while this process still holds what it was given (the poll lease, an outbox claim).
 * The transaction first takes the advisory lock `lock` shared, and whoever takes the thing over takes
 * it exclusively: a takeover waits for the fenced writes under way, and those after it are refused.
 * (Shared, so fenced writes never wait for each other; the lock comes in a statement of its own, so
 * the check's snapshot is taken after it.)
 */
export interface Fence {
  lock: string;
  /** The check, one statement with its values written in (pg's escapeLiteral): it goes with BEGIN and the lock in one round trip. */
  check: string;
  /** The error a write gets once the fence says no (another process took over). */
  lost(): Error;
}

/**
 * The Postgres store's one pool of connections, and the only way statements reach it.
 *
 * - Statements outside a transaction are retried, with a short backoff, while the server cannot be
 *   reached, for at most `retryMs`; then they fail with a StoreFailure (PG_UNAVAILABLE), which
 *   stops the work that met it (a poll cycle, a delivery) until the next try. Every statement is
 *   safe to repeat (upserts and deletes).
 * - `transaction(work)`: every statement that `work` runs (in its async context, however deep, Keyv
 *   included) goes into one transaction on one connection, after the advisory locks it names.
 * - `fenced(fence, work)`: every write that `work` runs first checks the fence in its transaction.
 * - An outage is logged once when it starts and once when the server answers again; a connection
 *   that breaks while idle or in a transaction never crashes the process.
 */
export interface PgDatabase {
  /** The URL with its password hidden. */
  readonly shown: string;
  read<R extends QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  write<R extends QueryResultRow>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  transaction<T>(work: () => Promise<T>, locks?: readonly string[]): Promise<T>;
  fenced<T>(fence: Fence, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PgDatabaseOptions {
  /** Creates or upgrades the tables: runs once, in a transaction, before any other statement (again after a failure). */
  schema?: (client: ClientBase) => Promise<void>;
  /** How long a statement outside a transaction keeps trying while the server is unreachable. */
  retryMs?: number;
  /** Connections in the pool. */
  max?: number;
}

interface Transaction {
  client: PoolClient;
  done: boolean;
  /** The statement last sent: a connection runs one at a time, so work that runs several at once takes turns. */
  last: Promise<unknown>;
}

interface Context {
  tx?: Transaction;
  fence?: Fence;
}

const RETRY_MS = 5_000;
/** An advisory lock held to the end of the transaction, named by text. */
const LOCK = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';
const CONNECT_TIMEOUT_MS = 5_000;
/** A statement that has had no answer for this long has met a dead connection (a cut network). */
const QUERY_TIMEOUT_MS = 60_000;
/**
 * The server ends a session left idle inside a transaction this long (a process paused or stuck
 * mid-transaction), which frees what it locked: a lease row, a claim.
 */
const IDLE_IN_TRANSACTION_MS = 30_000;

export function openPgDatabase(url: string, shown: string, log: Logger, options: PgDatabaseOptions = {}): PgDatabase {
  const retryMs = options.retryMs ?? RETRY_MS;
  const pool = new (pgDriver().Pool)({
    connectionString: url,
    max: options.max ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    query_timeout: QUERY_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
    application_name: 'crossover',
  });
  const context = new AsyncLocalStorage<Context>();
  let down: { since: number } | undefined;

  const lost = (error: unknown): void => {
    if (down !== undefined) return;
    down = { since: Date.now() };
    log.error({ store: shown, reason: describeConnectionLoss(error) }, 'the store cannot be reached: work that needs it stops and is tried again');
  };
  const answered = (): void => {
    if (down === undefined) return;
    log.warn({ store: shown, downMs: Date.now() - down.since }, 'the store answers again');
    down = undefined;
  };
  // An idle connection that breaks (the server stopped) is removed from the pool, which says so here.
  pool.on('error', (error) => {
    if (isConnectionLoss(error)) lost(error);
    else log.error({ err: error, store: shown }, 'store connection error');
  });
  const fail = (error: unknown): unknown => {
    if (isConnectionLoss(error)) lost(error);
    return asPgStoreFailure(error, shown) ?? error;
  };

  let ready: Promise<void> | undefined;
  /** The schema, created once before anything else; a failure (an outage at start) is tried again by the next statement. */
  const schemaReady = (): Promise<void> =>
    (ready ??= options.schema === undefined
      ? Promise.resolve()
      : retrying(() => withClient((client) => inTransaction(client, undefined, ['crossover-schema'], () => options.schema?.(client) ?? Promise.resolve()))).catch((error: unknown) => {
          ready = undefined;
          throw fail(error);
        }));

  /** A connection, waiting (within retryMs) while the server cannot be reached. */
  async function connect(): Promise<PoolClient> {
    return retrying(() => pool.connect());
  }

  /** Runs `attempt` again while it fails for want of a connection, at most retryMs in all. */
  async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + retryMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 1_000)) {
      try {
        const result = await attempt();
        answered();
        return result;
      } catch (error) {
        if (!isConnectionLoss(error) || Date.now() + wait > deadline) throw fail(error);
        lost(error);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  /** Runs work on a connection of its own with an error listener (a checked-out client that breaks emits 'error'). */
  async function withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await connect();
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      return await work(client);
    } catch (error) {
      if (isConnectionLoss(error)) broken ??= error as Error;
      throw error;
    } finally {
      client.removeListener('error', onError);
      // A broken connection is closed rather than handed to the next statement.
      client.release(broken);
    }
  }

  async function inTransaction<T>(client: PoolClient, fence: Fence | undefined, locks: readonly string[], work: () => Promise<T>): Promise<T> {
    const tx: Transaction = { client, done: false, last: Promise.resolve() };
    if (fence === undefined) await client.query('BEGIN');
    else {
      // Three statements, one round trip (the simple protocol): each statement takes its own snapshot,
      // so the check sees a takeover that committed while this one waited for the lock.
      const check = client.query(`BEGIN; SELECT pg_advisory_xact_lock_shared(hashtextextended(${escapeLiteral(fence.lock)}, 0)); ${fence.check}`) as unknown as Promise<QueryResult[]>;
      const held = await check.then((results) => (results.at(-1)?.rowCount ?? 0) > 0, (error: unknown) => error);
      if (held !== true) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw held === false ? fence.lost() : held;
      }
    }
    try {
      for (const lock of locks) await client.query(LOCK, [lock]);
      const result = await context.run({ tx, fence }, work);
      await tx.last;
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await tx.last;
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      tx.done = true;
    }
  }

  /** The transaction the caller runs in, if it is still open. */
  const currentTx = (): Transaction | undefined => {
    const tx = context.getStore()?.tx;
    return tx !== undefined && !tx.done ? tx : undefined;
  };

  async function runInTx<R extends QueryResultRow>(tx: Transaction, sql: string, params: readonly unknown[]) {
    const statement = tx.last.then(() => tx.client.query<R>(sql, params as unknown[]));
    tx.last = statement.catch(() => undefined);
    try {
      return await statement;
    } catch (error) {
      throw fail(error);
    }
  }

  const database: PgDatabase = {
    shown,
    async read<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []) {
      const tx = currentTx();
      if (tx !== undefined) return (await runInTx<R>(tx, sql, params)).rows;
      await schemaReady();
      return retrying(async () => (await pool.query<R>(sql, params as unknown[])).rows);
    },
    async write<R extends QueryResultRow>(sql: string, params: readonly unknown[] = []) {
      const tx = currentTx();
      const toResult = (result: { rows: R[]; rowCount: number | null }) => ({ rows: result.rows, rowCount: result.rowCount ?? 0 });
      if (tx !== undefined) return toResult(await runInTx<R>(tx, sql, params));
      await schemaReady();
      const fence = context.getStore()?.fence;
      if (fence === undefined) return retrying(async () => toResult(await pool.query<R>(sql, params as unknown[])));
      // A fenced write on its own: the fence and the write in one short transaction, repeated whole.
      return retrying(() => withClient((client) => inTransaction(client, fence, [], async () => toResult(await client.query<R>(sql, params as unknown[])))));
    },
    async transaction(work, locks = []) {
      const tx = currentTx();
      if (tx !== undefined) {
        // Nested: joins the open transaction (its locks are taken there, and held to its end).
        for (const lock of locks) await runInTx(tx, LOCK, [lock]);
        return work();
      }
      await schemaReady();
      const fence = context.getStore()?.fence;
      try {
        return await withClient((client) => inTransaction(client, fence, locks, work));
      } catch (error) {
        throw fail(error);
      }
    },
    fenced(fence, work) {
      return context.run({ ...context.getStore(), fence }, work);
    },
    async close() {
      await pool.end();
    },
  };
  return database;
}
