import { DefaultRestOptions, REST } from 'discord.js';

/** Discord's global limit: 50 requests per second per bot. */
export const GLOBAL_REQUESTS_PER_SECOND = 50;
/**
 * Delivery's own pace: at most 50 requests in any 1.1 s. The slack keeps requests that leave a little
 * late (a busy event loop, a slow socket) from arriving more than 50 to a second at Discord, whatever
 * way it counts its seconds.
 */
export const DELIVERY_PACE = { limit: GLOBAL_REQUESTS_PER_SECOND, windowMs: 1150 };
/** Added to every wait Discord asks for, as discord.js does, for clocks and latency. */
const RESET_OFFSET_MS = 50;

/**
 * Holds requests so that at most `limit` start in any `windowMs` (a sliding window, in order), evenly
 * spaced one every windowMs / limit: after a stall the waiting requests do not all leave at once
 * (one slot late is made up, no more), and a late timer does not slow the pace down.
 */
export interface RequestPacer {
  take(): Promise<void>;
  /** Discord said the bot is over its global limit: nothing starts for this long. */
  pause(ms: number): void;
  /**
   * This many processes deliver for the bot now (they share its global limit): this one keeps to
   * its part, limit ÷ parts requests per window (at least one).
   */
  share(parts: number): void;
}

export function createRequestPacer({ limit: total, windowMs }: { limit: number; windowMs: number }): RequestPacer {
  let limit = total;
  let spacing = windowMs / limit;
  const starts: number[] = [];
  let nextSlot = 0;
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();
  const acquire = async () => {
    for (;;) {
      const now = Date.now();
      while (starts.length > 0 && (starts[0] as number) <= now - windowMs) starts.shift();
      const wait = Math.max(pausedUntil - now, nextSlot - now, starts.length < limit ? 0 : (starts[0] as number) + windowMs - now + 1);
      if (wait <= 0) {
        starts.push(now);
        nextSlot = Math.max(nextSlot, now - spacing) + spacing;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  return {
    take() {
      const turn = queue.then(acquire);
      queue = turn;
      return turn;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
    share(parts) {
      limit = Math.max(1, Math.floor(total / Math.max(1, parts)));
      spacing = windowMs / limit;
    },
  };
}

/**
 * Learns each channel's message bucket from the X-RateLimit headers of the answers (Discord allows
 * about 5 messages per 5 s per channel): when a channel has no request left, it is not ready until
 * its bucket resets.
 */
export interface ChannelPacer {
  readyAt(channelId: string): number;
  observe(method: string, path: string, headers: { get(name: string): string | null }): void;
}

export function createChannelPacer(): ChannelPacer {
  const ready = new Map<string, number>();
  return {
    readyAt(channelId) {
      const at = ready.get(channelId) ?? 0;
      if (at !== 0 && at <= Date.now()) ready.delete(channelId);
      return at;
    },
    observe(method, path, headers) {
      const channelId = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1];
      if (method.toUpperCase() !== 'POST' || !channelId) return;
      const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
      const resetAfter = Number(headers.get('x-ratelimit-reset-after') ?? Number.NaN);
      if (remaining === 0 && Number.isFinite(resetAfter)) ready.set(channelId, Date.now() + resetAfter * 1000 + RESET_OFFSET_MS);
      else if (remaining > 0) ready.delete(channelId);
    },
  };
}

/**
 * The REST client delivery uses, apart from the client's (which answers commands): every request it
 * makes, retries included, waits its turn in the pacer just before it goes out; a wait for a channel's
 * bucket is never sat out inside discord.js but comes back as a RateLimitError, so the delivery loop
 * moves on to other channels; a global limit is still waited out, and pauses the pacer. Every answer
 * teaches the channel pacer.
 */
export function createDeliveryRest(token: string, apiBase: string | undefined, pacer: RequestPacer, channels: ChannelPacer): REST {
  const rest = new REST({
    ...(apiBase ? { api: apiBase } : {}),
    rejectOnRateLimit: (data) => !data.global,
    globalRequestsPerSecond: GLOBAL_REQUESTS_PER_SECOND,
    offset: RESET_OFFSET_MS,
    retries: 1,
    timeout: 15_000,
    makeRequest: async (url, init) => {
      await pacer.take();
      return DefaultRestOptions.makeRequest(url, init);
    },
  }).setToken(token);
  rest.on('response', (request, response) => {
    channels.observe(request.method, request.path, response.headers);
    if (response.status === 429 && response.headers.get('x-ratelimit-global')) {
      pacer.pause(Number(response.headers.get('retry-after') ?? 1) * 1000 + RESET_OFFSET_MS);
    }
  });
  return rest;
}
