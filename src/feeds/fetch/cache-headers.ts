/**
 * Pure readers for the HTTP headers that tell a poller when to come back: Retry-After (on 429 and
 * 503) and Cache-Control max-age (on 200 and 304). Both are clamped, so that a server cannot make
 * us hammer it (0) nor silence a feed for a year.
 */

const SECOND = 1000;
const DAY = 24 * 3600 * SECOND;

/** Retry-After is honoured between 1 s and 24 h. */
export const RETRY_AFTER_MIN_MS = SECOND;
export const RETRY_AFTER_MAX_MS = DAY;
/** Used on a 429 that gives no (or an unreadable) Retry-After. */
export const DEFAULT_RATE_LIMIT_MS = 10 * 60 * SECOND;
/** Cache-Control max-age is honoured between 0 and 24 h. */
export const MAX_AGE_MAX_MS = DAY;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Reads a Retry-After value: delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2015 07:28:00
 * GMT"), relative to `now` (ms since the epoch). Returns milliseconds clamped to [1 s, 24 h], or
 * undefined when the value is absent or unreadable. A date in the past gives the 1 s minimum.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return clamp(Number(text) * SECOND, RETRY_AFTER_MIN_MS, RETRY_AFTER_MAX_MS);
  // An HTTP date always names a weekday or a month; this keeps bare numbers like "1.5" or "-3"
  // from being read as years by Date.parse.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return clamp(at - now, RETRY_AFTER_MIN_MS, RETRY_AFTER_MAX_MS);
}

/**
 * Reads how long a response may be reused from Cache-Control: `max-age=N` in milliseconds clamped
 * to [0, 24 h]; `no-store` or `no-cache` give 0; undefined when the header says nothing about
 * freshness. Directive names are case-insensitive; a quoted value (`max-age="60"`) is accepted.
 */
export function parseCacheControl(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let maxAge: number | undefined;
  for (const part of value.split(',')) {
    const [rawName, rawArg] = part.split('=', 2);
    const name = rawName?.trim().toLowerCase();
    if (name === 'no-store' || name === 'no-cache') return 0;
    if (name !== 'max-age' || rawArg === undefined) continue;
    const arg = rawArg.trim().replace(/^"(.*)"$/, '$1');
    if (!/^\d+$/.test(arg)) continue;
    maxAge = clamp(Number(arg) * SECOND, 0, MAX_AGE_MAX_MS);
  }
  return maxAge;
}

/**
 * Freshness left for a response: max-age minus the Age header (time the response already spent
 * in caches on the way), never below 0. Undefined when Cache-Control gives no max-age.
 */
export function computeCacheForMs(cacheControl: string | undefined, age: string | undefined): number | undefined {
  const maxAge = parseCacheControl(cacheControl);
  if (maxAge === undefined) return undefined;
  const ageSeconds = age !== undefined && /^\s*\d+\s*$/.test(age) ? Number(age) : 0;
  return Math.max(0, maxAge - ageSeconds * SECOND);
}
