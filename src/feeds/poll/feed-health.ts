import type { FeedError } from '../errors';
import { FeedBlockedAddressError, FeedRateLimitedError } from '../errors';
import type { HttpValidators } from '../types';

/** Everything Crossover remembers about one feed URL between polls. */
export interface FeedState {
  url: string;
  validators: HttpValidators;
  /** The first successful poll stores everything and reports nothing new. */
  seeded: boolean;
  consecutiveFailures: number;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: { code: string; message: string };
  /** No poll before this time (backoff, Retry-After, Cache-Control, ttl). */
  nextPollAt?: string;
  disabled: boolean;
  disabledReason?: string;
  /** Entries in the last successful parse, to tell a truncated feed from an empty one. */
  lastItemCount?: number;
  /** Set when the feed moved permanently (a consistent 301/308 chain). */
  movedTo?: string;
}

export const BACKOFF_BASE_MS = 5 * 60_000;
export const BACKOFF_MAX_MS = 24 * 3_600_000;
export const DISABLE_AFTER_FAILURES = 10;
/** Cache-Control max-age and RSS ttl may delay a poll by at most this much. */
export const MAX_CACHE_HINT_MS = 2 * 3_600_000;

export function initialFeedState(url: string): FeedState {
  return { url, validators: {}, seeded: false, consecutiveFailures: 0, disabled: false };
}

/**
 * A disabled feed is still tried once a day (its nextPollAt), so one that comes back recovers;
 * except one refused by the address guard, which stays off until private addresses are allowed.
 */
export function isDue(state: FeedState, now: Date, allowPrivateHosts = false): boolean {
  if (isOffWhileGuarded(state)) return allowPrivateHosts;
  return !state.nextPollAt || Date.parse(state.nextPollAt) <= now.getTime();
}

/** Refused by the address guard: trying again changes nothing while private addresses are not allowed. */
export function isOffWhileGuarded(state: FeedState): boolean {
  return state.disabled && state.lastError?.code === 'blocked_address';
}

/** 5 min × 2^(n-1) after the n-th consecutive failure, capped at 24 h. */
export function backoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(consecutiveFailures - 1, 20), BACKOFF_MAX_MS);
}

export interface SuccessDetails {
  validators?: HttpValidators;
  /** Cache-Control max-age, or the RSS ttl, in ms. */
  cacheForMs?: number;
  itemCount?: number;
  movedTo?: string;
}

export function recordSuccess(state: FeedState, now: Date, details: SuccessDetails): FeedState {
  const cacheFor = Math.min(Math.max(details.cacheForMs ?? 0, 0), MAX_CACHE_HINT_MS);
  return {
    ...state,
    validators: details.validators ?? state.validators,
    consecutiveFailures: 0,
    lastAttemptAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    lastError: undefined,
    nextPollAt: cacheFor > 0 ? new Date(now.getTime() + cacheFor).toISOString() : undefined,
    lastItemCount: details.itemCount ?? state.lastItemCount,
    movedTo: details.movedTo ?? state.movedTo,
    disabled: false,
    disabledReason: undefined,
  };
}

/**
 * A rate limit (429/503 with Retry-After) waits as asked without counting as the feed's failure;
 * other failures back off exponentially; a permanent one (410) or the tenth in a row disables the
 * feed, with the reason kept for `/feeds list`. A disabled feed is tried once a day and re-enabled
 * by its first success: an outage of the outlet or of the host running the bot never silences a
 * feed for good. A feed on an address the guard refuses is off until private addresses are allowed.
 */
export function recordFailure(state: FeedState, now: Date, error: FeedError): FeedState {
  const base = {
    ...state,
    lastAttemptAt: now.toISOString(),
    lastFailureAt: now.toISOString(),
    lastError: { code: error.code, message: error.message },
  };
  if (error instanceof FeedRateLimitedError) {
    return { ...base, nextPollAt: new Date(now.getTime() + error.retryAfterMs).toISOString() };
  }
  if (error instanceof FeedBlockedAddressError) {
    return { ...base, consecutiveFailures: state.consecutiveFailures + 1, nextPollAt: undefined, disabled: true, disabledReason: error.message };
  }
  const failures = state.consecutiveFailures + 1;
  const disable = !error.retryable || failures >= DISABLE_AFTER_FAILURES;
  return {
    ...base,
    consecutiveFailures: failures,
    // Disabled: tried again only once a day, until it answers.
    nextPollAt: new Date(now.getTime() + (disable ? BACKOFF_MAX_MS : backoffMs(failures))).toISOString(),
    disabled: disable,
    disabledReason: disable
      ? error.retryable
        ? `${failures} failures in a row; last: ${error.message}`
        : error.message
      : undefined,
  };
}
