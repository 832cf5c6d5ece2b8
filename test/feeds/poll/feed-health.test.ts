import {
  backoffMs,
  BACKOFF_MAX_MS,
  initialFeedState,
  isDue,
  MAX_CACHE_HINT_MS,
  recordFailure,
  recordSuccess,
} from '../../../src/feeds/poll/feed-health';
import { FeedGoneError, FeedHttpError, FeedRateLimitedError } from '../../../src/feeds/errors';

const URL = 'https://example.com/feed';
const t0 = new Date('2026-11-23T12:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('feed health', () => {
  it('backs off 5 min × 2^(n-1), capped at 24 h', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5, 10, 20, 40].map((m) => m * 60_000));
    expect(backoffMs(9)).toBe(1280 * 60_000);
    expect(backoffMs(10)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(50)).toBe(BACKOFF_MAX_MS);
  });

  it('is not due again until the backoff has passed', () => {
    const failed = recordFailure(initialFeedState(URL), t0, new FeedHttpError(500, URL));
    expect(failed.consecutiveFailures).toBe(1);
    expect(isDue(failed, at(4 * 60_000))).toBe(false);
    expect(isDue(failed, at(5 * 60_000))).toBe(true);
    expect(failed.lastError).toEqual({ code: 'http_status', message: `HTTP 500 from ${URL}` });
  });

  it('disables a feed after 10 failures in a row, saying why', () => {
    let state = initialFeedState(URL);
    for (let i = 0; i < 9; i += 1) state = recordFailure(state, t0, new FeedHttpError(500, URL));
    expect(state.disabled).toBe(false);
    state = recordFailure(state, t0, new FeedHttpError(500, URL));
    expect(state.disabled).toBe(true);
    expect(state.disabledReason).toMatch(/10 failures in a row; last: HTTP 500/);
  });

  it('tries a disabled feed once a day and re-enables it on its first success', () => {
    let state = initialFeedState(URL);
    for (let i = 0; i < 10; i += 1) state = recordFailure(state, t0, new FeedHttpError(500, URL));
    expect(isDue(state, at(23 * 3_600_000))).toBe(false);
    expect(isDue(state, at(24 * 3_600_000))).toBe(true);
    state = recordFailure(state, at(24 * 3_600_000), new FeedHttpError(500, URL));
    expect(state).toMatchObject({ disabled: true, nextPollAt: at(48 * 3_600_000).toISOString() });
    state = recordSuccess(state, at(48 * 3_600_000), {});
    expect(state).toMatchObject({ disabled: false, consecutiveFailures: 0, disabledReason: undefined });
  });

  it('disables at once on 410 Gone', () => {
    const state = recordFailure(initialFeedState(URL), t0, new FeedGoneError(URL));
    expect(state.disabled).toBe(true);
    expect(state.disabledReason).toMatch(/gone/);
  });

  it('waits as asked on a rate limit without counting a failure', () => {
    const before = recordFailure(initialFeedState(URL), t0, new FeedHttpError(500, URL));
    const limited = recordFailure(before, t0, new FeedRateLimitedError(429, 120_000, URL));
    expect(limited.consecutiveFailures).toBe(1);
    expect(limited.nextPollAt).toBe(at(120_000).toISOString());
    expect(limited.disabled).toBe(false);
  });

  it('a success resets failures and honours cache hints within bounds', () => {
    const failed = recordFailure(initialFeedState(URL), t0, new FeedHttpError(500, URL));
    const ok = recordSuccess(failed, t0, { validators: { etag: '"x"' }, cacheForMs: 600_000, itemCount: 3 });
    expect(ok).toMatchObject({ consecutiveFailures: 0, validators: { etag: '"x"' }, lastItemCount: 3 });
    expect(ok.lastError).toBeUndefined();
    expect(ok.nextPollAt).toBe(at(600_000).toISOString());
    const huge = recordSuccess(initialFeedState(URL), t0, { cacheForMs: 30 * 86_400_000 });
    expect(huge.nextPollAt).toBe(at(MAX_CACHE_HINT_MS).toISOString());
    expect(recordSuccess(initialFeedState(URL), t0, {}).nextPollAt).toBeUndefined();
  });
});
