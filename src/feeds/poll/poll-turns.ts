import type { Logger } from '../../logger';

/**
 * The lease that makes one process at a time the poller, among every process sharing one store
 * (implemented in src/store: over Postgres with a fencing token, over SQLite in the one process).
 */
export interface PollLease {
  /** A holder that stops renewing loses the lease after this long; another process may then take it. */
  readonly ttlMs: number;
  /** Takes the lease when it is free or expired, or renews it when this process holds it: true while held. */
  acquire(): Promise<boolean>;
  /**
   * Runs `work` fenced by the lease: once another process has taken the lease over (this one was
   * paused past its expiry, or cut off), every write `work` makes is refused.
   */
  fenced<T>(work: () => Promise<T>): Promise<T>;
  /** Gives the lease up, so that another process may take it at once. */
  release(): Promise<void>;
}

export interface PollTurns {
  /**
   * Runs a poll cycle when this process holds the lease (taking it when it is free), fenced by it;
   * undefined when another process polls. The cycle's signal aborts when the lease is lost.
   */
  run<T>(cycle: (signal: AbortSignal) => Promise<T>): Promise<T | undefined>;
  /** From now on, renews the lease while held and takes it over when its holder stops renewing, calling `onTakeover` then. */
  start(onTakeover: () => void): void;
  /** Stops watching and gives the lease up. */
  stop(): Promise<void>;
}

interface Check {
  tookOver: boolean;
  failure?: unknown;
}

/** How often the holder renews the lease and the others check whether it is still held. */
export const TURN_CHECK_MS = 10_000;

/**
 * Exactly one process polls at a time: the one holding the poll lease. It renews the lease every
 * `checkMs`; the others try to take it as often, and can once it expires (`lease.ttlMs` after its
 * holder's last renewal, so within ttl + check of the holder's death), and then poll at once. A
 * holder that cannot reach the store keeps polling until its lease would have expired, then stops.
 */
export function createPollTurns(lease: PollLease, log: Logger, checkMs = TURN_CHECK_MS): PollTurns {
  let holding = false;
  /** When the store last confirmed this process as the holder (ms). */
  let confirmedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let onTakeover: (() => void) | undefined;
  const cycles = new Set<AbortController>();
  let checking: Promise<Check> | undefined;

  /** Takes or renews the lease: whether this process just took it over, or why the store could not say. */
  const check = (): Promise<Check> =>
    (checking ??= (async (): Promise<Check> => {
      const was = holding;
      let failure: unknown;
      try {
        holding = await lease.acquire();
        if (holding) confirmedAt = Date.now();
      } catch (error) {
        // The store cannot say: the lease holds until it would have expired.
        failure = error;
        if (holding && Date.now() - confirmedAt >= lease.ttlMs) holding = false;
      }
      if (holding && !was) log.info('this process polls now (it holds the poll lease)');
      if (!holding && was) {
        log.warn('this process no longer holds the poll lease: another process polls; the running cycle stops');
        for (const cycle of cycles) cycle.abort();
      }
      return { tookOver: holding && !was, failure };
    })().finally(() => {
      checking = undefined;
    }));

  return {
    async run(cycle) {
      const { failure } = await check();
      // A store that cannot be read fails the cycle, as it would have failed anyway.
      if (!holding && failure !== undefined) throw failure instanceof Error ? failure : new Error('the store could not say whether this process holds the poll lease');
      if (!holding) return undefined;
      const abort = new AbortController();
      cycles.add(abort);
      try {
        return await lease.fenced(() => cycle(abort.signal));
      } finally {
        cycles.delete(abort);
      }
    },
    start(takeover) {
      onTakeover = takeover;
      if (timer) return;
      timer = setInterval(() => {
        void check().then(({ tookOver, failure }) => {
          if (failure !== undefined) log.warn({ err: failure, holding }, 'could not check the poll lease');
          if (tookOver) onTakeover?.();
        });
      }, checkMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await checking;
      if (!holding) return;
      holding = false;
      await lease.release().catch((error: unknown) => log.warn({ err: error }, 'could not give the poll lease up; another process takes it when it expires'));
    },
  };
}
