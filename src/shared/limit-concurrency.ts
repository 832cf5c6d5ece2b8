/** Runs at most `max` tasks at once; the rest wait in order. */
export function createLimiter(max: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finished task hands its slot straight to the next waiter, so `running` never overshoots.
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/** One limiter per key (a host name), created on first use. */
export function createKeyedLimiter(maxPerKey: number): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const limiters = new Map<string, ReturnType<typeof createLimiter>>();
  return (key, task) => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = createLimiter(maxPerKey);
      limiters.set(key, limiter);
    }
    return limiter(task);
  };
}
