import type { Client } from 'pg';
import { pgDriver } from './pg-driver';
import { describeConnectionLoss, errorParts, isConnectionLoss } from './pg-errors';
import { createPgSchema } from './pg-schema';

/** How long the start-up check waits for Postgres before saying the store does not answer. */
const PG_CHECK_TIMEOUT_MS = 10_000;

/**
 * Can Crossover keep its state in this Postgres database? Checked once before anything starts, like
 * the SQLite store: the server is reached, the user authenticates, the database exists, and
 * Crossover's tables are created (or found) and written, in one transaction, within `timeoutMs`.
 * Returns what is wrong, naming the server (never the password), or undefined when the store works.
 */
export async function checkPostgresStore(url: string, shown: string, timeoutMs = PG_CHECK_TIMEOUT_MS): Promise<string | undefined> {
  // pg's own timeouts come after the check's, which says what it was waiting for.
  const client = new (pgDriver().Client)({ connectionString: url, connectionTimeoutMillis: 2 * timeoutMs, query_timeout: 2 * timeoutMs, application_name: 'crossover' });
  client.on('error', () => undefined); // reported below, from the failed call
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`the Postgres server ${server(url)} did not answer within ${Math.round(timeoutMs / 1000)}s`), timeoutMs);
  });
  try {
    return await Promise.race([tryWrite(client, url, shown), timeout]);
  } finally {
    clearTimeout(timer);
    await client.end().catch(() => undefined);
  }
}

async function tryWrite(client: Client, url: string, shown: string): Promise<string | undefined> {
  let stage: 'connect' | 'write' = 'connect';
  try {
    await client.connect();
    stage = 'write';
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', ['crossover-schema']);
    await createPgSchema(client);
    // Rewriting the version proves that the tables take writes (a read-only standby refuses it).
    await client.query('UPDATE crossover_schema SET version = version');
    await client.query('COMMIT');
    return undefined;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    return describeFailure(error, url, shown, stage);
  }
}

function describeFailure(error: unknown, url: string, shown: string, stage: 'connect' | 'write'): string {
  const { code, message } = errorParts(error);
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username) || 'the default user';
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot find the Postgres server's host "${parsed.hostname}" (the name does not resolve)`;
  if (isConnectionLoss(error)) {
    return `cannot reach the Postgres server ${server(url)} (${describeConnectionLoss(error)}): is it running, and does it accept connections on that address?`;
  }
  switch (code) {
    case '28P01':
      return `the Postgres server ${server(url)} refused the password of user "${user}"`;
    case '28000':
      return `the Postgres server ${server(url)} refused user "${user}" (${message})`;
    case '3D000':
      return `the database "${database}" does not exist on ${server(url)}: create it (createdb ${database}) or name another`;
    case '42501':
      return `user "${user}" may not create or write Crossover's tables in database "${database}" (${message}): give it CREATE on the schema public, or create the tables once as their owner`;
    case '25006':
      return `the database "${database}" on ${server(url)} is read-only (a standby?): Crossover needs to write`;
    default:
      return `the store ${shown} cannot be used${stage === 'write' ? ' (creating or writing its tables)' : ''}: ${message}`;
  }
}

/** "db.example:5432": where the server was looked for. */
function server(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}`;
}
