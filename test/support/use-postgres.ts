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
