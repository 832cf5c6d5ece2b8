import cron from 'node-cron';

export interface PollSchedule {
  /** Stops the schedule (a running tick is the caller's to wait for). */
  stop(): Promise<void>;
  /** When the next tick is due. */
  nextRun(): Date | undefined;
}

/**
 * Calls `onTick` on the cron schedule. Keeping cycles apart (a tick that comes while a cycle runs is
 * skipped, not queued) is the caller's job (src/main.ts's runSchedule).
 */
export function startPollSchedule(expression: string, onTick: () => void): PollSchedule {
  const task = cron.schedule(expression, onTick, { name: 'poll' });
  return {
    async stop() {
      await task.stop();
      await task.destroy();
    },
    nextRun: () => task.getNextRun() ?? undefined,
  };
}
