/** Jest hooks around startPostgres: one server for the test file (started before its first test,
 * closed after its last, failed or not) and a fresh, empty database for every test.
 *
 *   const pg = usePostgres();
 *   it('…', async () => {
 *     const store = openKeyvFactory(pg.url, log);
 *     …
 *     await pg.server.stop(); await pg.server.start();   // an outage
 *   });
 */
import { createSilentLogger } from '../../src/logger';
import type { PostgresFactory } from '../../src/store/postgres/open-postgres';
import { openPostgresFactory } from '../../src/store/postgres/open-postgres';
import type { PgDatabaseOptions } from '../../src/store/postgres/pg-database';
import type { PostgresOptions, PostgresServer } from './postgres';
import { startPostgres } from './postgres';

export interface PostgresForTests {
  readonly server: PostgresServer;
  /** This test's own database. */
  readonly url: string;
}

export function usePostgres(options: PostgresOptions = {}): PostgresForTests {
  let server: PostgresServer | null = null;
  let url: string | null = null;
  beforeAll(async () => {
    server = await startPostgres(options);
  }, 120_000);
  beforeEach(async () => {
    if (!server) throw new Error('usePostgres: the server did not start');
    if (!server.running) await server.start();
    url = await server.createDatabase();
  });
  afterAll(async () => {
    await server?.close();
    server = null;
  });
  return {
    get server() {
      if (!server) throw new Error('usePostgres: use it inside a test or hook');
      return server;
    },
    get url() {
      if (!url) throw new Error('usePostgres: no database yet (use it inside a test)');
      return url;
    },
  };
}

/** Postgres stores on each test's database, opened as processes would open theirs; each closed after its test. */
export function usePostgresStores(options: PostgresOptions = {}): PostgresForTests & { open: (database?: PgDatabaseOptions) => PostgresFactory } {
  const pg = usePostgres(options);
  const opened: PostgresFactory[] = [];
  afterEach(async () => {
    // A test may have closed one itself (a process cut off from the store).
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
  });
  return {
    get server() {
      return pg.server;
    },
    get url() {
      return pg.url;
    },
    open: (database = {}) => {
      const store = openPostgresFactory(pg.url, 'the test store', createSilentLogger(), database);
      opened.push(store);
      return store;
    },
  };
}
