import { fork } from 'node:child_process';
import path from 'node:path';

/**
 * Each benchmark (and some of their phases) runs in a child process of its own: its peak memory is
 * then its own (the kernel's high-water mark of a fresh process), and what one benchmark leaves in
 * the heap never slows the next. The child is the compiled bench entry point started with --child;
 * the parent sends it the task and its arguments over IPC and gets the result back the same way.
 */
export type ChildTask = (args: unknown) => Promise<unknown>;

/** The task registry: loaded lazily, so a child loads only the modules its own task needs. */
export type TaskRegistry = Record<string, () => Promise<ChildTask>>;

interface TaskRequest {
  task: string;
  args: unknown;
}

type TaskReply = { ok: true; result: unknown } | { ok: false; error: string };

const ENTRY = path.join(__dirname, 'bench.js');
/** How long a child may take to exit after replying before it is killed (and the leak reported). */
const EXIT_GRACE_MS = 10_000;

export class ChildTaskError extends Error {
  constructor(task: string, detail: string) {
    super(`benchmark task "${task}" failed: ${detail}`);
    this.name = 'ChildTaskError';
  }
}

/**
 * Runs one task in a fresh `node --expose-gc` child and resolves with its result once the child has
 * exited. A child that replies but does not exit (a server or timer left open) is killed and
 * reported as an error: every benchmark must clean up after itself.
 */
export function runInChild<T>(task: string, args: unknown = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(ENTRY, ['--child'], { execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    // A child never writes the report; anything it prints goes to stderr, so --json stays clean.
    child.stdout?.pipe(process.stderr);
    let reply: TaskReply | undefined;
    let exitTimer: NodeJS.Timeout | undefined;
    child.on('message', (message: TaskReply) => {
      reply = message;
      exitTimer = setTimeout(() => {
        child.kill('SIGKILL');
        reply = { ok: false, error: `the child did not exit within ${EXIT_GRACE_MS / 1000} s of finishing (something was left open)` };
      }, EXIT_GRACE_MS);
    });
    child.on('error', (error) => reject(new ChildTaskError(task, error.message)));
    child.on('exit', (code, signal) => {
      if (exitTimer) clearTimeout(exitTimer);
      if (reply === undefined) reject(new ChildTaskError(task, `the child exited (${signal ?? `code ${code}`}) without a result`));
      else if (!reply.ok) reject(new ChildTaskError(task, reply.error));
      else resolve(reply.result as T);
    });
    child.send({ task, args } satisfies TaskRequest);
  });
}

/** The child side: waits for its one task, runs it, replies, and lets the process end on its own. */
export function serveChildTask(registry: TaskRegistry): void {
  process.once('message', (message: TaskRequest) => {
    void (async () => {
      let reply: TaskReply;
      try {
        const load = registry[message.task];
        if (!load) throw new Error(`unknown task "${message.task}"`);
        const run = await load();
        reply = { ok: true, result: await run(message.args) };
      } catch (error) {
        reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      }
      process.send?.(reply, () => process.disconnect());
    })();
  });
}
