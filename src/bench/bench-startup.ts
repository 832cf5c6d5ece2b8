import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { DiscordEmulator } from '../../test/support/discord-emulator';

/**
 * Start-up to ready (issue 4): spawns the real bot, `node dist/src/main.js`, with DISCORD_TOKEN and
 * DISCORD_API_BASE pointing at the local Discord API emulator and DATABASE_URL at a prepared store,
 * and times from the spawn to the emulator seeing IDENTIFY and to the log line "connected to Discord"
 * (ClientReady: the store is open and the gateway session is up) and to "deal index ready" (the deal
 * index loaded, from its snapshot or from every record; it loads while the bot logs in).
 * The bot runs in a folder of its own (no .env is read), with a feed list on 127.0.0.1 only.
 */
export interface StartupOptions {
  emulator: DiscordEmulator;
  databaseUrl: string;
  feedsFile: string;
  /** The bot's working folder. */
  cwd: string;
  /** Runs once the bot is ready and its first poll cycle is over (e.g. to send it commands). */
  whileRunning?: () => Promise<void>;
  /** Runs as soon as the bot is connected (e.g. one command); `firstAnswerMs` is when it resolves. */
  onConnected?: () => Promise<void>;
  /** More environment for the bot. */
  env?: Record<string, string>;
}

export interface StartupFigures {
  identifyMs: number;
  readyMs: number;
  /** Spawn → "deal index ready": from then on commands are answered at once (before, they are deferred). */
  indexReadyMs: number;
  /** Spawn → `onConnected` done (a command sent as soon as the bot connected, answered). */
  firstAnswerMs?: number;
  /** The bot's resident high-water mark (VmHWM), read just before it is stopped; undefined off Linux. */
  peakRssMb?: number;
  /** SIGTERM to exit. */
  stopMs: number;
  /** "code 0" for a clean shutdown, else the code or the signal that ended it. */
  exit: string;
}

const MAIN = path.resolve(__dirname, '../main.js');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export async function measureStartup(options: StartupOptions): Promise<StartupFigures> {
  const { emulator } = options;
  const identifiesBefore = emulator.identifies.length;
  const env = {
    PATH: process.env.PATH ?? '',
    DISCORD_TOKEN: emulator.token,
    DISCORD_API_BASE: emulator.apiBase,
    DATABASE_URL: options.databaseUrl,
    FEEDS_FILE: options.feedsFile,
    ALLOW_PRIVATE_FEED_HOSTS: 'true',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], { cwd: options.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${code}`)));
  const seen = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const tail: string[] = [];
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    tail.push(line);
    if (tail.length > 20) tail.shift();
    const message = messageOf(line);
    if (message === undefined || seen.has(message)) return;
    seen.set(message, performance.now());
    waiters.get(message)?.();
  });
  const logged = (message: string): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      const at = seen.get(message);
      if (at !== undefined) return resolve(at);
      const timer = setTimeout(() => reject(new Error(`the bot did not log "${message}" within ${READY_TIMEOUT_MS / 1000} s; last lines:\n${tail.join('\n')}`)), READY_TIMEOUT_MS);
      waiters.set(message, () => {
        clearTimeout(timer);
        resolve(seen.get(message) ?? performance.now());
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the bot exited (${code}) before logging "${message}"; last lines:\n${tail.join('\n')}`));
      });
    });

  try {
    const identifyAt = await emulator.waitFor(() => (emulator.identifies.length > identifiesBefore ? performance.now() : null), READY_TIMEOUT_MS, 'IDENTIFY from the bot');
    const readyAt = await logged('connected to Discord');
    const firstAnswerAt = options.onConnected === undefined ? undefined : await options.onConnected().then(() => performance.now());
    const indexReadyAt = await logged('deal index ready');
    // main.ts installs its SIGTERM handler only once start-up is over (a signal before that ends the
    // process at once); by the end of the first poll cycle it surely has.
    await logged('poll cycle finished');
    await options.whileRunning?.();
    const peakRssMb = readPeakRssMb(child.pid);
    const stopping = performance.now();
    child.kill('SIGTERM');
    const exit = await withTimeout(exited, STOP_TIMEOUT_MS, () => child.kill('SIGKILL'));
    return { identifyMs: identifyAt - started, readyMs: readyAt - started, indexReadyMs: indexReadyAt - started, firstAnswerMs: firstAnswerAt === undefined ? undefined : firstAnswerAt - started, peakRssMb, stopMs: performance.now() - stopping, exit };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  }
}

function messageOf(line: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? parsed.msg : undefined;
  } catch {
    return undefined;
  }
}

function readPeakRssMb(pid: number | undefined): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`the bot did not stop within ${ms / 1000} s of SIGTERM`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
