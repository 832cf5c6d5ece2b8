/** Per-route rate-limit buckets with Discord's headers, so discord.js's queue runs as it does against
 * Discord. A client that ignores the headers and overruns a bucket gets a real 429. */
import { createHash } from 'node:crypto';

export interface RateLimitOptions {
  /** Requests per bucket per window (default 50; Discord's message bucket is 5 per 5 s). */
  limit: number;
  windowMs: number;
}

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

function majorParameter(template: string, params: Record<string, string>): string {
  if (template.startsWith('/channels/:channelId')) return params.channelId ?? '';
  if (template.startsWith('/guilds/:guildId')) return params.guildId ?? '';
  if (template.startsWith('/webhooks/:webhookId/:token')) return `${params.webhookId ?? ''}:${params.token ?? ''}`;
  if (template.startsWith('/interactions/:interactionId')) return params.interactionId ?? '';
  return 'global';
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    consume(method, template, params) {
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
