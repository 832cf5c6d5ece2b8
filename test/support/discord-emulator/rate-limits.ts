/** Discord's rate limits with Discord's headers, so discord.js's queue runs as it does against Discord:
 * per-route buckets (per major parameter), the message bucket of each channel (5 per 5 s), and the
 * bot's global limit (50 requests per second across every route that needs the token). A client
 * that ignores the headers and overruns a bucket, or goes over the global limit, gets a real 429. */
import { createHash } from 'node:crypto';

export interface BucketLimit {
  /** Requests per bucket per window. */
  limit: number;
  windowMs: number;
}

/** The default bucket of every route (default 50 requests per second per route and major parameter). */
export type RateLimitOptions = BucketLimit;

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
  retryAfterSeconds: number;
}

interface Bucket {
  resetAt: number;
  used: number;
}

export interface RateLimiter {
  consume(method: string, template: string, params: Record<string, string>): RateLimitDecision;
}

/** Creating a message: Discord's bucket is 5 per 5 s for each channel. */
export const MESSAGE_ROUTE = 'POST /channels/:channelId/messages';
export const DISCORD_MESSAGE_LIMIT: BucketLimit = { limit: 5, windowMs: 5000 };
export const DISCORD_GLOBAL_LIMIT: BucketLimit = { limit: 50, windowMs: 1000 };

function majorParameter(template: string, params: Record<string, string>): string {
  if (template.startsWith('/channels/:channelId')) return params.channelId ?? '';
  if (template.startsWith('/guilds/:guildId')) return params.guildId ?? '';
  if (template.startsWith('/webhooks/:webhookId/:token')) return `${params.webhookId ?? ''}:${params.token ?? ''}`;
  if (template.startsWith('/interactions/:interactionId')) return params.interactionId ?? '';
  return 'global';
}

/**
 * Fixed-window buckets keyed by route (method and template) and major parameter. `routes` gives some
 * routes a bucket of their own size (`'POST /channels/:channelId/messages'`).
 */
export function createRateLimiter(defaults: BucketLimit, routes: Record<string, BucketLimit> = {}): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    consume(method, template, params) {
      const options = routes[`${method} ${template}`] ?? defaults;
      const hash = createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 32);
      const key = `${hash}:${majorParameter(template, params)}`;
      const now = Date.now();
      let bucket = buckets.get(key);
      if (!bucket || bucket.resetAt <= now) {
        bucket = { resetAt: now + options.windowMs, used: 0 };
        buckets.set(key, bucket);
      }
      bucket.used += 1;
      const allowed = bucket.used <= options.limit;
      const resetAfter = Math.max(0, bucket.resetAt - now) / 1000;
      return {
        allowed,
        retryAfterSeconds: resetAfter,
        headers: {
          'x-ratelimit-limit': String(options.limit),
          'x-ratelimit-remaining': String(Math.max(0, options.limit - bucket.used)),
          'x-ratelimit-reset': (bucket.resetAt / 1000).toFixed(3),
          'x-ratelimit-reset-after': resetAfter.toFixed(3),
          'x-ratelimit-bucket': hash,
        },
      };
    },
  };
}

export interface GlobalLimiter {
  /**
   * Counts a request that arrived at `at` (a monotonic clock in ms); null when it is within the
   * limit, else the seconds until one more would be.
   */
  consume(at: number): number | null;
}

/**
 * The global limit as a sliding window: at most `limit` requests in any `windowMs`, the strictest
 * reading of "50 requests per second", so a client that stays under it stays under any fixed window.
 * Requests count from when they arrived, not from when the emulator got round to them.
 */
export function createGlobalLimiter({ limit, windowMs }: BucketLimit): GlobalLimiter {
  const times: number[] = []; // arrival times of the requests let through, in order
  return {
    consume(at) {
      while (times.length > 0 && (times[0] as number) <= at - 2 * windowMs) times.shift();
      const inWindow = times.filter((t) => t > at - windowMs && t <= at);
      if (inWindow.length >= limit) return ((inWindow[0] as number) + windowMs - at) / 1000;
      const index = times.findIndex((t) => t > at);
      times.splice(index === -1 ? times.length : index, 0, at);
      return null;
    },
  };
}
