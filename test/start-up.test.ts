import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { buildApp, runApp, startApp } from './support/built-app';
import { makeTempDir } from './support/temp-dir';

/**
 * Start-up as an operator meets it, through the real process (node dist/src/main.js): every
 * configuration problem in one message with exit code 2 before anything starts, store problems
 * named, never a hang or a stack; `--once` says with its exit code whether its cycle failed.
 */
jest.setTimeout(120_000); // each test starts real processes, seconds each on a busy machine

describe('starting Crossover', () => {
  const temp = makeTempDir();
  let empty: string;
  beforeAll(async () => {
    await buildApp();
    fs.chmodSync(temp.dir, 0o777); // the unprivileged runs below write here too
    empty = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(empty, '[]');
  }, 240_000);
  afterAll(() => temp.cleanup());

  it('reports six bad settings in one message, exit code 2, before anything starts', async () => {
    const run = await runApp({
      LOG_LEVEL: 'loud', MAX_ITEM_AGE: '0', POLL_CRON: 'every ten minutes', FEEDS_FILE: path.join(temp.dir, 'nope.json'),
      DATABASE_URL: 'redis://localhost:6379', METRICS_PORT: 'ninety',
    }, ['--once']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'Crossover cannot start: 6 configuration problems',
        '  - DATABASE_URL ("redis://localhost:6379"): "redis" is not a supported store: use sqlite://path/to/file.sqlite or postgres://user:password@host:port/database',
        '  - POLL_CRON ("every ten minutes"): is not a valid cron expression (five fields, such as */10 * * * *)',
        '  - LOG_LEVEL ("loud"): must be one of fatal, error, warn, info, debug, trace, silent',
        '  - MAX_ITEM_AGE ("0"): must be longer than zero',
        '  - METRICS_PORT ("ninety"): must be a port number from 1 to 65535',
        `  - FEEDS_FILE (${path.join(temp.dir, 'nope.json')}): cannot be read (no such file)`,
        'See .env.example for every setting.',
        '',
      ].join('\n'),
    );
  });

  it('names a store path that cannot be created (under /proc: it used to hang forever) and exits 2', async () => {
    const run = await runApp({ DATABASE_URL: 'sqlite:///proc/crossover/x.sqlite', FEEDS_FILE: empty }, ['--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL: cannot create the folder /proc/crossover for the store');
  });

  it('says when a Postgres store cannot be reached: exit 2, no hang, no stack, no password', async () => {
    const run = await runApp({ DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/crossover', FEEDS_FILE: empty });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL: cannot reach the Postgres server 127.0.0.1:1 (connection refused)');
    expect(run.stderr).not.toContain('s3cret');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a read-only folder (run as a user other than root)', async () => {
    const folder = path.join(temp.dir, 'read-only');
    fs.mkdirSync(folder, { mode: 0o555 });
    fs.chmodSync(folder, 0o555);
    const run = await runApp({ DATABASE_URL: `sqlite://${folder}/x.sqlite`, FEEDS_FILE: empty }, ['--once'], { unprivileged: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`DATABASE_URL: cannot create files in ${folder} (permission denied)`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('works again once a read-only database file is made writable, although SQLite left its -shm file read-only', async () => {
    const folder = path.join(temp.dir, 'shm');
    fs.mkdirSync(folder);
    fs.chmodSync(folder, 0o777);
    const file = path.join(folder, 'x.sqlite');
    const env = { DATABASE_URL: `sqlite://${file}`, FEEDS_FILE: empty, LOG_LEVEL: 'warn' };
    expect((await runApp(env, ['--once'], { unprivileged: true })).code).toBe(0);
    fs.chmodSync(file, 0o444);
    // The shared-memory index is rebuilt by the next opener: gone now, SQLite makes it anew with the
    // file's (read-only) permissions, whether or not the last run's close removed it.
    fs.rmSync(`${file}-shm`, { force: true });
    const readOnly = await runApp(env, ['--once'], { unprivileged: true });
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toContain(`the store ${file} is read-only`);
    expect(fs.statSync(`${file}-shm`).mode & 0o777).toBe(0o444); // what SQLite leaves behind

    fs.chmodSync(file, 0o644);
    const fixed = await runApp(env, ['--once'], { unprivileged: true });
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
  });

  it('names a corrupt store, and exits 1', async () => {
    const file = path.join(temp.dir, 'corrupt.sqlite');
    const feeds = path.join(temp.dir, 'one-feed.json');
    fs.writeFileSync(feeds, JSON.stringify([{ name: 'Nowhere', url: 'http://127.0.0.1:1/feed.xml' }]));
    const store = new KeyvSqlite({ uri: `sqlite://${file}` });
    for (let i = 0; i < 200; i += 1) await store.set(`feed-state:https://example.com/${i}`, JSON.stringify({ value: { n: i, pad: 'x'.repeat(500) } }));
    await store.disconnect();
    // Every page but the first (the header and the schema) overwritten: the file opens, its records cannot be read.
    const bytes = fs.readFileSync(file);
    for (let i = 4096; i < bytes.length; i += 1) bytes[i] = (i * 7919) % 251;
    fs.writeFileSync(file, bytes);

    const run = await runApp({ DATABASE_URL: `sqlite://${file}`, FEEDS_FILE: feeds, ALLOW_PRIVATE_FEED_HOSTS: 'true' }, ['--once']);
    expect(run.code).toBe(1);
    // Opening the store brings its tables up to date, which reads the records: the damage shows there.
    expect(run.stderr).toContain(`the store ${file} is corrupt`);
  });

  it('says when METRICS_PORT cannot be served, with exit code 2', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const run = await runApp({ METRICS_PORT: String(port), DATABASE_URL: `sqlite://${temp.dir}/metrics.sqlite`, FEEDS_FILE: empty }, ['--once']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`METRICS_PORT: cannot serve on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      taken.close();
    }
  });

  it('serves the process\'s own metrics (memory, CPU, GC) on /metrics beside Crossover\'s', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const app = startApp({ METRICS_PORT: String(port), DATABASE_URL: `sqlite://${temp.dir}/served.sqlite`, FEEDS_FILE: empty, POLL_CRON: '0 0 1 1 *' });
    try {
      await app.waitForLog('serving /metrics and /healthz');
      const body = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      for (const name of ['crossover_process_resident_memory_bytes', 'crossover_nodejs_eventloop_lag_seconds', 'crossover_nodejs_gc_duration_seconds', 'crossover_feed_polls_total']) {
        expect(body).toContain(`# TYPE ${name} `);
      }
    } finally {
      await app.stop();
    }
  });
});
