/** The start-up check of a Postgres store against a real server: every way it can be unusable is named (never with the password), and a usable one gets its tables. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { checkStartup } from '../src/check-startup';
import { ConfigError } from '../src/config';
import { usePostgres } from './support/use-postgres';

async function problemsOf(env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<string[]> {
  try {
    await checkStartup(env, undefined, timeoutMs);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('checkStartup with a Postgres store', () => {
  const pg = usePostgres();
  const where = () => `127.0.0.1:${pg.server.port}`;
  const admin = async <T>(work: (client: Client) => Promise<T>, url = pg.url): Promise<T> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it('accepts a database it can use (postgres:// or postgresql://) and creates its tables', async () => {
    const { config } = await checkStartup({ DATABASE_URL: pg.url.replace(/^postgres:/, 'postgresql:') });
    expect(config.store).toMatchObject({ kind: 'postgres' });
    const tables = await admin(async (c) => (await c.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename));
    expect(tables).toEqual(['crossover_schema', 'deliverers', 'items', 'keyv', 'leases', 'outbox', 'outbox_claims', 'seen']);
    // A second start finds them.
    expect(await problemsOf({ DATABASE_URL: pg.url })).toEqual([]);
  });

  it('names a wrong password, a missing database and a server that is not there, never showing the password', async () => {
    const wrong = pg.url.replace(pg.server.password, 'not-the-password');
    expect(await problemsOf({ DATABASE_URL: wrong })).toEqual([`DATABASE_URL: the Postgres server ${where()} refused the password of user "crossover"`]);
    const missing = pg.url.replace(/\/[^/]+$/, '/nowhere');
    expect(await problemsOf({ DATABASE_URL: missing })).toEqual([`DATABASE_URL: the database "nowhere" does not exist on ${where()}: create it (createdb nowhere) or name another`]);
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const nobody = `postgres://crossover:secret-word@127.0.0.1:${closed}/crossover`;
    expect(await problemsOf({ DATABASE_URL: nobody, LOG_LEVEL: 'loud' })).toEqual([
      expect.stringMatching(/^LOG_LEVEL/),
      `DATABASE_URL: cannot reach the Postgres server 127.0.0.1:${closed} (connection refused): is it running, and does it accept connections on that address?`,
    ]);
  });

  it('names a user that may not create tables, and a read-only database', async () => {
    await admin((c) => c.query("CREATE ROLE visitor LOGIN PASSWORD 'visitor-pass'"));
    const database = new URL(pg.url).pathname.slice(1);
    const visitor = pg.url.replace(/\/\/[^@]+@/, '//visitor:visitor-pass@');
    expect(await problemsOf({ DATABASE_URL: visitor })).toEqual([
      expect.stringMatching(new RegExp(`^DATABASE_URL: user "visitor" may not create or write Crossover's tables in database "${database}" \\(permission denied for schema public\\): give it CREATE`)),
    ]);
    await admin((c) => c.query(`ALTER DATABASE ${c.escapeIdentifier(database)} SET default_transaction_read_only = on`));
    expect(await problemsOf({ DATABASE_URL: pg.url })).toEqual([`DATABASE_URL: the database "${database}" on ${where()} is read-only (a standby?): Crossover needs to write`]);
  });

  it('stops waiting for a server that takes the connection and never answers', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      expect(await problemsOf({ DATABASE_URL: `postgres://crossover:x@127.0.0.1:${port}/crossover` }, 1000)).toEqual([
        `DATABASE_URL: the Postgres server 127.0.0.1:${port} did not answer within 1s`,
      ]);
    } finally {
      silent.close();
    }
  });
});
