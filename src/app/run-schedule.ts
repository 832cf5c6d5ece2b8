/** Both modes run the same way: a cycle now and on the schedule, delivery beside it, and a clean stop. */
import type { CycleSummary } from '../feeds/poll';
import { startPollSchedule } from '../feeds/poll';
import type { Metrics } from '../metrics/metrics';
import type { DeliveryLoop } from '../posts/delivery-loop';
import { StoreFailure } from '../shared/store-failure';
import type { Core } from './core';

export interface Running {
  /** Resolves once the process has stopped cleanly, saying how many cycles failed. */
  done: Promise<{ failedCycles: number }>;
  /** Runs a cycle now (or waits for the one already running), then waits until what is due is delivered. */
  cycle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the cycle at start-up and then on the schedule, never two at once, with the delivery loop
 * running on its own beside it (or, with `once`, one cycle and then everything due delivered), and
 * stops cleanly: no new fetch starts, a running cycle finishes or is abandoned safely (new items stay
 * pending), posts in flight finish (the rest stay in the outbox), then `beforeClose` (the Discord
 * client) and the store are closed.
 */
export function runSchedule(core: Core, runCycle: () => Promise<CycleSummary>, delivery: DeliveryLoop, abort: AbortController, once: boolean, extras: {
  beforeClose?: () => Promise<void>;
  /** After each cycle that went through, with the time of the next scheduled one. */
  onCycle?: (summary: CycleSummary, nextPoll: Date | undefined) => void;
  metrics?: Metrics;
} = {}): Running {
  const { log } = core;
  let failedCycles = 0;
  const failed = (error: unknown, what: string) => {
    failedCycles += 1;
    if (error instanceof StoreFailure) {
      log.error(
        { code: error.code, reason: error.message, nextPoll: schedule?.nextRun() },
        `store failure: the ${what} was abandoned; nothing is lost (new items are fetched again or stay pending, posts stay queued) and the next one tries again`,
      );
    } else log.error({ err: error }, `${what} failed`);
  };
  let running: Promise<unknown> | undefined;
  const run = (): Promise<unknown> => {
    if (running) {
      log.warn('poll cycle still running at the next tick; skipping this tick');
      return running;
    }
    const cycle = runCycle()
      .then(
        (summary) => {
          extras.metrics?.cycleEnded(undefined);
          extras.onCycle?.(summary, schedule?.nextRun());
        },
        (error: unknown) => {
          extras.metrics?.cycleEnded(error instanceof Error ? error : new Error(String(error)));
          failed(error, 'poll cycle');
        },
      )
      .finally(() => {
        if (running === cycle) running = undefined;
      });
    running = cycle;
    return cycle;
  };
  const firstCycle = run();
  if (!once) {
    delivery.start();
    // Another process's poll lease lapsed (it died): this one takes over and polls at once.
    core.turns.start(() => void run());
  }
  const schedule = once ? undefined : startPollSchedule(core.config.pollCron, () => void run());
  let markStopped: () => void = () => undefined;
  const done = new Promise<{ failedCycles: number }>((resolve) => (markStopped = () => resolve({ failedCycles })));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      abort.abort();
      await schedule?.stop();
      await firstCycle;
      await running;
      await core.turns.stop();
      await delivery.stop();
      await extras.beforeClose?.();
      await core.stores.close();
      log.info('Crossover stopped');
      markStopped();
    })());
  if (once) {
    // stop() fails only if closing the store fails, which main's last line of defence reports (exit 1).
    void firstCycle
      .then(() => delivery.drain())
      .catch((error: unknown) => failed(error, 'delivery'))
      .then(stop);
  }
  return {
    done,
    stop,
    cycle: async () => {
      await firstCycle;
      await run();
      await delivery.drain();
    },
  };
}
