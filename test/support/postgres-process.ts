/** One running PostgreSQL server process (binaries from postgres-binaries.ts), with a watchdog that
 * stops it and removes its folder if this process dies without closing it. */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ServerUser } from './postgres-binaries';

const READY = 'database system is ready to accept connections';
const LOG_LINES = 200;
/** Generous: the machine may be busy. */
const START_TIMEOUT_MS = 60_000;

function spawnOptions(user: ServerUser | null) {
  return { ...(user ? { uid: user.uid, gid: user.gid } : {}), env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } };
}

function explainSpawnError(error: Error, binary: string, user: ServerUser | null): Error {
  const access = user ? ` (it runs as ${user.name}: every folder above ${path.dirname(binary)} must be searchable by others)` : '';
  return new Error(`could not run ${binary}: ${error.message}${access}`);
}

/** Runs a binary to its end; rejects with its output when it fails. */
export function runToEnd(binary: string, args: string[], user: ServerUser | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { ...spawnOptions(user), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) => reject(explainSpawnError(error, binary, user)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(binary)} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}

export interface ServerProcess {
  /** The server's own log (stderr), last lines first to last. */
  readonly log: string[];
  /** Resolves once the server has exited, however it ended. */
  readonly exited: Promise<void>;
  /** Fast shutdown (SIGINT: open sessions are ended, as in an outage); waits for the exit. */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  binDir: string;
  dataDir: string;
  /** Removed by the watchdog if this process dies while the server runs. */
  removeOnOrphan: string;
  port: number;
  user: ServerUser | null;
  settings: Record<string, string>;
}

/** Starts `postgres` and resolves once it accepts connections; rejects with its log if it exits first. */
export async function launchServer(options: LaunchOptions): Promise<ServerProcess> {
  const binary = path.join(options.binDir, 'postgres');
  const settings = Object.entries(options.settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  const child = spawn(binary, ['-D', options.dataDir, '-p', String(options.port), ...settings], { ...spawnOptions(options.user), stdio: ['ignore', 'ignore', 'pipe'] });
  const log: string[] = [];
  let sawReady!: () => void;
  const ready = new Promise<void>((resolve) => (sawReady = resolve));
  let pending = '';
  // Always read the log: a full pipe would block the server.
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      log.push(line);
      if (line.includes(READY)) sawReady();
    }
    log.splice(0, Math.max(0, log.length - LOG_LINES));
  });
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const spawnFailed = new Promise<never>((_, reject) => child.on('error', (error) => reject(explainSpawnError(error, binary, options.user))));
  spawnFailed.catch(() => undefined);
  const watchdog = child.pid === undefined ? null : startWatchdog(child.pid, options.removeOnOrphan);
  void exited.then(() => watchdog?.kill('SIGKILL'));

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
  });
  const endedEarly = exited.then(() => Promise.reject(new Error('PostgreSQL exited while starting')));
  try {
    await Promise.race([ready, spawnFailed, timedOut, endedEarly]);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}; its log:\n${log.join('\n')}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  endedEarly.catch(() => undefined);

  return {
    log,
    exited,
    async stop() {
      watchdog?.kill('SIGKILL');
      child.kill('SIGINT');
      const slow = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(slow);
    },
  };
}

/** A shell that waits for its stdin to close. This process holds the other end, so if it dies
 * without stopping the server (a killed test worker, Ctrl-C), the shell stops the server and
 * removes its folder. A normal stop kills the shell first. */
function startWatchdog(pid: number, folder: string): ChildProcess {
  const script = 'read _; kill -INT "$1" 2>/dev/null; while kill -0 "$1" 2>/dev/null; do sleep 0.1; done; rm -rf "$2"';
  const watchdog = spawn('/bin/sh', ['-c', script, 'crossover-postgres-watchdog', String(pid), folder], { stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  return watchdog;
}
