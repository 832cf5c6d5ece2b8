import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { ROOT } from './built-app';

/** A bot process (`node dist/src/main.js`, built beforehand) whose output lines can be waited for. */
export interface RunningBot {
  /** Resolves when a log line (stderr) or printed line (stdout) matches. */
  until(match: (line: string) => boolean): Promise<boolean>;
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** How it ended, once it has. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the bot with exactly this environment (console mode with `--json`). Its stdout lines are
 * appended to `printed`; every line, stdout and stderr, goes to `transcript`.
 */

export function startBot(env: NodeJS.ProcessEnv, mode: 'discord' | 'console', children: Set<ChildProcess>, printed: string[], transcript?: (line: string) => void): Promise<RunningBot> {
  const args = mode === 'console' ? ['dist/src/main.js', '--json'] : ['dist/src/main.js'];
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const waiters = new Set<{ match: (line: string) => boolean; resolve: (hit: boolean) => void }>();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const exited = exit.then(() => undefined);
  const onLines = (keep: boolean) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (keep) printed.push(line);
        transcript?.(line);
        for (const waiter of [...waiters]) {
          if (waiter.match(line)) {
            waiters.delete(waiter);
            waiter.resolve(true);
          }
        }
      }
    };
  };
  child.stdout?.on('data', onLines(true));
  child.stderr?.on('data', onLines(false));
  void exited.then(() => {
    children.delete(child);
    for (const waiter of waiters) waiter.resolve(false);
    waiters.clear();
  });
  return Promise.resolve({
    exit,
    until: (match) => new Promise<boolean>((resolve) => waiters.add({ match, resolve })),
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  });
}

