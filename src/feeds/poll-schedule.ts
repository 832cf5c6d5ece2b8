import cron from 'node-cron';
import type { Logger } from '../logger';

export interface PollSchedule {
  /** Stops the schedule and waits for a running cycle to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `runCycle` on the cron schedule, never two at once: a tick that comes while a cycle is still
 * running is skipped (and logged), not queued.
 */
export function startPollSchedule(expression: string, runCycle: () => Promise<void>, log: Logger): PollSchedule {
  let running: Promise<void> | undefined;
  const task = cron.schedule(
    expression,
    () => {
      if (running) {
        log.warn('poll cycle still running at the next tick; skipping this tick');
        return;
      }
      running = runCycle()
        .catch((error: unknown) => log.error({ err: error }, 'poll cycle failed'))
        .finally(() => {
          running = undefined;
        });
    },
    { name: 'poll', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      await running;
    },
  };
}
