import {
  computeCacheForMs,
  DEFAULT_RATE_LIMIT_MS,
  parseCacheControl,
  parseRetryAfter,
} from '../../../src/feeds/fetch/cache-headers';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5_000);
  });

  it('reads an HTTP date relative to now', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 12:10:00 GMT', NOW)).toBe(600_000);
  });

  it('clamps to between 1 s and 24 h', () => {
    expect(parseRetryAfter('0', NOW)).toBe(1_000);
    expect(parseRetryAfter('Fri, 28 Feb 2025 12:00:00 GMT', NOW)).toBe(1_000);
    expect(parseRetryAfter('999999', NOW)).toBe(24 * 3600_000);
    expect(parseRetryAfter('Tue, 01 Apr 2025 12:00:00 GMT', NOW)).toBe(24 * 3600_000);
  });

  it.each([undefined, '', 'soon', '-3', '1.5', 'in 5 minutes'])('gives undefined for %p', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it('has a default for a 429 without one that is a real backoff', () => {
    expect(DEFAULT_RATE_LIMIT_MS).toBeGreaterThanOrEqual(60_000);
  });
});

describe('parseCacheControl', () => {
  it('reads max-age in milliseconds, case-insensitively, quoted or not', () => {
    expect(parseCacheControl('public, max-age=300')).toBe(300_000);
    expect(parseCacheControl('Max-Age=60, must-revalidate')).toBe(60_000);
    expect(parseCacheControl('max-age="90"')).toBe(90_000);
  });

  it('caps max-age at 24 h', () => {
    expect(parseCacheControl('max-age=31536000')).toBe(24 * 3600_000);
  });

  it('gives 0 for no-store and no-cache', () => {
    expect(parseCacheControl('no-cache')).toBe(0);
    expect(parseCacheControl('max-age=600, no-store')).toBe(0);
  });

  it.each([undefined, '', 'public', 'max-age=', 'max-age=-5', 'max-age=abc'])('gives undefined for %p', (value) => {
    expect(parseCacheControl(value)).toBeUndefined();
  });
});

describe('computeCacheForMs', () => {
  it('subtracts the Age header, never going below 0', () => {
    expect(computeCacheForMs('max-age=600', '100')).toBe(500_000);
    expect(computeCacheForMs('max-age=600', '900')).toBe(0);
    expect(computeCacheForMs('max-age=600', 'nonsense')).toBe(600_000);
    expect(computeCacheForMs(undefined, '100')).toBeUndefined();
  });
});
