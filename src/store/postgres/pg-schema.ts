import type { ClientBase } from 'pg';

/** The schema version this build writes; 0 is an empty database. */
const PG_SCHEMA_VERSION = 2;

/**
 * The Postgres store's tables, created (or brought up to date) when a process first opens the
 * store, inside one transaction under an advisory lock, so processes starting together do not race:
 * - keyv: every Keyv namespace (feed states, subscriptions, deals, sent records …), one row a record,
 *   the key prefixed by its namespace. Keys are compared byte by byte (COLLATE "C"), so a namespace is
 *   the key range between "name:" and "name;" whatever the database's locale;
 * - leases: the poll lease (pg-lease.ts): who holds it, until when, and its fencing token;
 * - outbox and outbox_claims: queued posts, by queue, and which worker delivers from a queue, with
 *   until when its channel must wait (pg-outbox-store.ts);
 * - deliverers: the processes running a delivery loop, so that they share the bot's global limit;
 * - seen and items: the item store's tables, as on SQLite (pg-item-tables.ts). (Version 2.)
 */
export async function createPgSchema(client: ClientBase): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS crossover_schema (version integer NOT NULL)');
  const { rows } = await client.query<{ version: number }>('SELECT version FROM crossover_schema');
  const version = rows[0]?.version ?? 0;
  if (version >= PG_SCHEMA_VERSION) return;
  await client.query(`
    CREATE TABLE IF NOT EXISTS keyv (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);
    CREATE TABLE IF NOT EXISTS leases (name text PRIMARY KEY, holder text NOT NULL, token bigint NOT NULL, expires_at timestamptz NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (id text COLLATE "C" PRIMARY KEY, queue text COLLATE "C" NOT NULL, entry text NOT NULL);
    CREATE INDEX IF NOT EXISTS outbox_queue ON outbox (queue);
    CREATE TABLE IF NOT EXISTS outbox_claims (queue text COLLATE "C" PRIMARY KEY, holder text NOT NULL, token bigint NOT NULL, expires_at timestamptz NOT NULL, ready_at bigint);
    CREATE TABLE IF NOT EXISTS deliverers (holder text PRIMARY KEY, expires_at timestamptz NOT NULL);
    CREATE TABLE IF NOT EXISTS seen (hash bytea PRIMARY KEY, day integer NOT NULL);
    CREATE INDEX IF NOT EXISTS seen_day ON seen (day);
    CREATE TABLE IF NOT EXISTS items (id text COLLATE "C" PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE, at bigint NOT NULL, value text NOT NULL);
    CREATE INDEX IF NOT EXISTS items_at ON items (at);
  `);
  if (rows.length === 0) await client.query('INSERT INTO crossover_schema (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
  else await client.query('UPDATE crossover_schema SET version = $1', [PG_SCHEMA_VERSION]);
}
