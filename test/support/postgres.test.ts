/** The test Postgres and the primitives the shared store is built on: Keyv over @keyv/postgres,
 * advisory locks and SKIP LOCKED claims, an outage, and cleanup that holds even when the owner dies. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import KeyvPostgres from '@keyv/postgres';
import Keyv from 'keyv';
import { Client } from 'pg';
import ts from 'typescript';
import { startPostgres } from './postgres';
import { makeTempDir } from './temp-dir';
import { usePostgres } from './use-postgres';

const ROOT = path.resolve(__dirname, '../..');

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a Postgres server per test file, a database per test', () => {
  const pg = usePostgres();
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.end().catch(() => undefined)));
  });

  async function connect(url = pg.url): Promise<Client> {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  }

  let previousDatabase = '';
  it.each([1, 2])('gives test %i an empty database of its own, reached with the password in the URL', async () => {
    expect(pg.url).toMatch(/^postgres:\/\/crossover:[0-9a-f]+@127\.0\.0\.1:\d+\/test_\d+$/);
    const client = await connect();
    const { rows } = await client.query<{ db: string; tables: string }>("SELECT current_database() AS db, (SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public') AS tables");
    expect(rows[0]?.tables).toBe('0');
    expect(rows[0]?.db).not.toBe(previousDatabase);
    previousDatabase = rows[0]?.db ?? '';
    await client.query('CREATE TABLE scratch (n int)');
    await expect(connect(pg.url.replace(pg.server.password, 'wrong'))).rejects.toMatchObject({ code: '28P01' });
  });

  it('carries Keyv through @keyv/postgres: set, get, delete and clear, namespaces kept apart', async () => {
    const feeds = new Keyv({ store: new KeyvPostgres({ uri: pg.url }), namespace: 'feeds', throwOnErrors: true });
    const posts = new Keyv({ store: new KeyvPostgres({ uri: pg.url }), namespace: 'posts', throwOnErrors: true });
    try {
      await feeds.set('a', { etag: '"v1"', failures: 0 });
      await posts.set('a', 'queued');
      expect(await feeds.get('a')).toEqual({ etag: '"v1"', failures: 0 });
      expect(await posts.get('a')).toBe('queued');
      expect(await feeds.get('missing')).toBeUndefined();
      expect(await feeds.delete('a')).toBe(true);
      expect(await feeds.get('a')).toBeUndefined();
      expect(await posts.get('a')).toBe('queued');
      await feeds.set('b', 2);
      await posts.clear();
      expect(await posts.get('a')).toBeUndefined();
      expect(await feeds.get('b')).toBe(2);
      const { rows } = await (await connect()).query<{ key: string }>('SELECT key FROM keyv ORDER BY key');
      expect(rows.map((r) => r.key)).toEqual(['feeds:b']);
    } finally {
      // @keyv/postgres keeps one pool per process for a URL: one disconnect ends it for both.
      await feeds.disconnect();
    }
  });

  it('refuses an advisory lock to a second session until the holder unlocks or its session ends', async () => {
    const [a, b, c] = [await connect(), await connect(), await connect()];
    const tryLock = async (client: Client, key: number) =>
      (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key])).rows[0]?.locked;
    expect(await tryLock(a, 42)).toBe(true);
    expect(await tryLock(b, 42)).toBe(false);
    expect(await tryLock(b, 43)).toBe(true);
    await a.query('SELECT pg_advisory_unlock(42)');
    expect(await tryLock(b, 42)).toBe(true);
    expect(await tryLock(c, 42)).toBe(false);
    // The holder's process dies: its session ends, and the lock goes with it.
    const holder = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    await c.query('SELECT pg_terminate_backend($1)', [holder]);
    await waitUntil(async () => (await tryLock(c, 42)) === true, 'the lock to be free');
  });

  it('lets two sessions claim disjoint rows with SELECT … FOR UPDATE SKIP LOCKED', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('CREATE TABLE outbox (id int PRIMARY KEY, sent_by text)');
    await a.query('INSERT INTO outbox (id) SELECT generate_series(1, 10)');
    const claim = async (client: Client) => {
      const { rows } = await client.query<{ id: number }>('SELECT id FROM outbox WHERE sent_by IS NULL ORDER BY id LIMIT 4 FOR UPDATE SKIP LOCKED');
      return rows.map((r) => r.id);
    };
    await a.query('BEGIN');
    await b.query('BEGIN');
    expect(await claim(a)).toEqual([1, 2, 3, 4]);
    expect(await claim(b)).toEqual([5, 6, 7, 8]);
    // Without SKIP LOCKED the claimed rows are really taken.
    await expect(b.query('SELECT id FROM outbox WHERE id = 1 FOR UPDATE NOWAIT')).rejects.toMatchObject({ code: '55P03' });
    await b.query('ROLLBACK');
    await a.query("UPDATE outbox SET sent_by = 'a' WHERE id IN (1, 2, 3, 4)");
    await a.query('COMMIT');
    // b's claim was rolled back (b died mid-send): its rows are claimable again, a's are done.
    expect(await claim(b)).toEqual([5, 6, 7, 8]);
  });

  it('stops (sessions ended, connections refused) and starts again on the same port with the data kept', async () => {
    const before = await connect();
    await before.query("CREATE TABLE kept AS SELECT 'still here' AS note");
    const ended = new Promise<Error & { code?: string }>((resolve) => before.once('error', resolve));
    await pg.server.stop();
    expect(pg.server.running).toBe(false);
    expect((await ended).code).toBe('57P01');
    await expect(connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await pg.server.start();
    expect(pg.server.running).toBe(true);
    const after = await connect();
    expect((await after.query<{ note: string }>('SELECT note FROM kept')).rows).toEqual([{ note: 'still here' }]);
  });
});

describe('cleaning up', () => {
  it('fails start() with the server log while its port is taken, starts once it is free, and close() removes everything', async () => {
    const server = await startPostgres();
    try {
      await server.stop();
      const squatter = net.createServer();
      await new Promise<void>((resolve) => squatter.listen(server.port, '127.0.0.1', resolve));
      await expect(server.start()).rejects.toThrow(/could not bind IPv4 address "127\.0\.0\.1"/);
      expect(server.running).toBe(false);
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
      await server.start();
      expect(await canConnect(server.port)).toBe(true);
    } finally {
      await server.close();
    }
    expect(fs.existsSync(server.folder)).toBe(false);
    expect(await canConnect(server.port)).toBe(false);
  }, 60_000);

  it('leaves neither the server nor its folder behind when the process that started it is killed', async () => {
    // The owner is a plain node process running the same module, transpiled.
    const out = makeTempDir();
    for (const name of ['postgres', 'postgres-process']) {
      const source = fs.readFileSync(path.join(__dirname, `${name}.ts`), 'utf8');
      const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
      fs.writeFileSync(path.join(out.dir, `${name}.js`), outputText);
    }
    fs.writeFileSync(path.join(out.dir, 'owner.js'), [
      "require('./postgres').startPostgres().then((pg) => console.log(JSON.stringify({ port: pg.port, folder: pg.folder })));",
      'setInterval(() => undefined, 60_000);',
    ].join('\n'));
    const owner = spawn(process.execPath, ['owner.js'], { cwd: out.dir, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const started = await new Promise<{ port: number; folder: string }>((resolve, reject) => {
        let output = '';
        owner.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (output.includes('\n')) resolve(JSON.parse(output) as { port: number; folder: string });
        });
        owner.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        owner.on('exit', () => reject(new Error(`the owner exited before its server started:\n${output}`)));
      });
      expect(await canConnect(started.port)).toBe(true);
      owner.kill('SIGKILL');
      await waitUntil(() => !fs.existsSync(started.folder), 'the folder to be removed');
      expect(await canConnect(started.port)).toBe(false);
    } finally {
      owner.kill('SIGKILL');
      out.cleanup();
    }
  }, 60_000);
});
