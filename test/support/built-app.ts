import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
const LOCK = path.join(ROOT, 'dist', '.build-lock');

/**
 * Runs `task` while no other test process builds dist/: test files that spawn the real process
 * run in parallel jest workers, and take turns rather than write the same files at once.
 */
export async function withBuildLock<T>(task: () => T | Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`${LOCK} held for 3 minutes; remove it if no build is running`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await task();
  } finally {
    fs.rmdirSync(LOCK);
  }
}

/** Builds dist/ as `npm start` does (incremental: unchanged files are not written again). */
export function buildApp(): Promise<void> {
  return withBuildLock(() => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT });
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real process, started by startApp and still running. */
export interface RunningApp {
  /** Resolves once stderr (where the log goes) shows `text`; rejects if the process ends first. */
  waitForLog(text: string): Promise<void>;
  /** Sends SIGTERM and resolves with how the process ended. */
  stop(): Promise<Finished>;
  /** Resolves when the process has ended. */
  finished: Promise<Finished>;
}

/**
 * Starts `node dist/src/main.js` with exactly this environment. With `unprivileged`, as the user
 * nobody (through setpriv when the tests run as root, as CI does): file permissions only bind a
 * user who is not root.
 */
export function startApp(env: NodeJS.ProcessEnv, args: string[] = [], options: { unprivileged?: boolean } = {}): RunningApp {
  const node = [process.execPath, path.join(ROOT, 'dist/src/main.js'), ...args];
  const [command, ...rest] = options.unprivileged && process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...node] : node;
  const child = spawn(command as string, rest, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const finished = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    finished,
    waitForLog: (text) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!stderr.includes(text)) return;
          child.stderr.off('data', check);
          resolve();
        };
        child.stderr.on('data', check);
        check();
        void finished.then(({ code }) => reject(new Error(`the app ended (code ${code}) before logging "${text}":\n${stderr}`)), reject);
      }),
    stop: () => {
      child.kill('SIGTERM');
      return finished;
    },
  };
}

/** Runs `node dist/src/main.js` to its end (see startApp). */
export function runApp(env: NodeJS.ProcessEnv, args: string[] = [], options: { unprivileged?: boolean } = {}): Promise<Finished> {
  return startApp(env, args, options).finished;
}
