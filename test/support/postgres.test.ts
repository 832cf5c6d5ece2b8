/** The test Postgres: a database per test with its password, an outage (stop and start), and cleanup
 * that holds even when the owner dies. The store built on it is tested in test/store/postgres. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import ts from 'typescript';
import { startPostgres } from './postgres';
import { makeTempDir } from './temp-dir';
import { waitUntil } from './wait-until';
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
    for (const name of ['postgres', 'postgres-binaries', 'postgres-process']) {
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
