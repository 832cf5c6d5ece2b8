import type http from 'node:http';
import zlib from 'node:zlib';
import { version } from '../../package.json';
import { DEFAULT_RATE_LIMIT_MS } from '../../src/feeds/cache-headers';
import {
  FeedBlockedAddressError,
  FeedContentEncodingError,
  FeedGoneError,
  FeedHttpError,
  FeedInvalidUrlError,
  FeedNetworkError,
  FeedRateLimitedError,
  FeedRedirectError,
  FeedTimeoutError,
  FeedTooLargeError,
} from '../../src/feeds/errors';
import { fetchFeed, type FetchFeedOptions } from '../../src/feeds/fetch-feed';
import { startFeedServer, type FeedServer } from '../support/feed-server';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Music Business Wire</title>
<item><title>Spotify and Universal Music Group sign a new multi-year licensing deal</title>
<link>https://example.com/spotify-umg</link><guid>spotify-umg-2025</guid></item>
</channel></rss>`;

/** The guard stays on; only the test server's own address is let through. */
const guarded: FetchFeedOptions = { allowPrivateHosts: false, isAllowedAddress: (ip) => ip === '127.0.0.1' };

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

async function fetchError(url: string, options: FetchFeedOptions = guarded): Promise<unknown> {
  return fetchFeed(url, options).then(
    (outcome) => {
      throw new Error(`expected a failure, got ${outcome.kind}`);
    },
    (error: unknown) => error,
  );
}

describe('fetchFeed: conditional GET', () => {
  it('returns the body and validators, then a 304 with the validators sent back verbatim', async () => {
    const etag = 'W/"5f3a-1c8;gzip"';
    const lastModified = 'Sat, 01 Mar 2025 10:00:00 GMT';
    server.route('/cond.xml', { body: RSS, contentType: 'application/rss+xml; charset=utf-8', etag, lastModified });

    const first = await fetchFeed(server.url('/cond.xml'), guarded);
    expect(first).toEqual({
      kind: 'ok',
      body: Buffer.from(RSS),
      contentType: 'application/rss+xml; charset=utf-8',
      finalUrl: server.url('/cond.xml'),
      validators: { etag, lastModified },
    });

    const second = await fetchFeed(server.url('/cond.xml'), { ...guarded, validators: first.validators });
    expect(second).toEqual({ kind: 'not_modified', finalUrl: server.url('/cond.xml'), validators: { etag, lastModified } });

    const [req1, req2] = server.requestsTo('/cond.xml');
    expect(req1?.headers['if-none-match']).toBeUndefined();
    expect(req1?.headers['if-modified-since']).toBeUndefined();
    expect(req2?.headers['if-none-match']).toBe(etag);
    expect(req2?.headers['if-modified-since']).toBe(lastModified);
    expect(req2?.status).toBe(304);
  });

  it('keeps the validators it sent when a 304 does not repeat them', async () => {
    server.route('/bare-304.xml', (_req, res) => {
      res.writeHead(304);
      res.end();
    });
    const validators = { etag: '"abc"', lastModified: 'Fri, 28 Feb 2025 09:00:00 GMT' };
    const outcome = await fetchFeed(server.url('/bare-304.xml'), { ...guarded, validators });
    expect(outcome).toEqual({ kind: 'not_modified', finalUrl: server.url('/bare-304.xml'), validators });
  });

  it('returns only the validators the response gave (no stale ETag kept after a 200)', async () => {
    server.route('/lm-only.xml', { body: RSS, lastModified: 'Sun, 02 Mar 2025 08:00:00 GMT' });
    const outcome = await fetchFeed(server.url('/lm-only.xml'), { ...guarded, validators: { etag: '"old"' } });
    expect(outcome.validators).toEqual({ lastModified: 'Sun, 02 Mar 2025 08:00:00 GMT' });
  });

  it('reads Cache-Control max-age (minus Age) into cacheForMs, on 200 and 304', async () => {
    server.route('/cached.xml', { body: RSS, etag: '"c1"', headers: { 'cache-control': 'public, max-age=900', age: '300' } });
    const first = await fetchFeed(server.url('/cached.xml'), guarded);
    expect(first.cacheForMs).toBe(600_000);
    const second = await fetchFeed(server.url('/cached.xml'), { ...guarded, validators: first.validators });
    expect(second).toMatchObject({ kind: 'not_modified', cacheForMs: 600_000 });
  });
});

describe('fetchFeed: request headers', () => {
  it('sends an honest User-Agent, a broad Accept and the encodings it decodes', async () => {
    server.route('/headers.xml', { body: RSS });
    await fetchFeed(server.url('/headers.xml'), guarded);
    const headers = server.requestsTo('/headers.xml')[0]?.headers ?? {};
    expect(headers['user-agent']).toBe(
      `Crossover/${version} (+https://github.com/crossover-bot/crossover; music-industry news bot)`,
    );
    for (const type of ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json', 'application/xml', 'text/xml', '*/*;q=0.1']) {
      expect(headers.accept).toContain(type);
    }
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
  });
});

describe('fetchFeed: content encodings', () => {
  it.each(['gzip', 'deflate', 'deflate-raw', 'br'] as const)('decodes a %s body', async (encoding) => {
    server.route(`/enc-${encoding}.xml`, { body: RSS, encoding });
    const outcome = await fetchFeed(server.url(`/enc-${encoding}.xml`), guarded);
    expect(outcome.kind === 'ok' && outcome.body.toString('utf8')).toBe(RSS);
  });

  it('returns the bytes undecoded as to charset', async () => {
    const latin = Buffer.concat([Buffer.from('<rss><channel><title>Caf'), Buffer.from([0xe9, 0x20, 0x96]), Buffer.from('</title></channel></rss>')]);
    server.route('/latin1.xml', { body: latin, contentType: 'text/xml; charset=windows-1252', encoding: 'gzip' });
    const outcome = await fetchFeed(server.url('/latin1.xml'), guarded);
    expect(outcome).toMatchObject({ kind: 'ok', body: latin, contentType: 'text/xml; charset=windows-1252' });
  });

  it('does not gunzip a gzip-looking body sent without Content-Encoding (that is the decoder’s job)', async () => {
    const gz = zlib.gzipSync(RSS);
    server.route('/gz-file.xml.gz', { body: gz, contentType: 'application/gzip' });
    const outcome = await fetchFeed(server.url('/gz-file.xml.gz'), guarded);
    expect(outcome.kind === 'ok' && outcome.body).toEqual(gz);
  });

  it('fails clearly on an unknown coding and on a corrupt body', async () => {
    server.route('/zstd.xml', { body: RSS, headers: { 'content-encoding': 'zstd' } });
    server.route('/corrupt.xml', { body: 'this is not gzip', headers: { 'content-encoding': 'gzip' } });
    expect(await fetchError(server.url('/zstd.xml'))).toBeInstanceOf(FeedContentEncodingError);
    expect(await fetchError(server.url('/corrupt.xml'))).toBeInstanceOf(FeedContentEncodingError);
  });
});

describe('fetchFeed: deadline', () => {
  it('fails a slow drip at the deadline and really closes the connection', async () => {
    server.route('/drip.xml', { body: RSS.repeat(20), contentType: 'application/rss+xml', drip: { intervalMs: 50, chunkBytes: 1 } });
    const error = await fetchError(server.url('/drip.xml'), { ...guarded, timeoutMs: 300 });
    expect(error).toBeInstanceOf(FeedTimeoutError);
    await server.waitForIdle();
    expect(server.requestsTo('/drip.xml')[0]?.outcome).toBe('client_closed');
  });

  it('fails a server that never sends its headers', async () => {
    server.route('/silent.xml', { body: RSS, delayMs: 60_000 });
    const error = await fetchError(server.url('/silent.xml'), { ...guarded, timeoutMs: 300 });
    expect(error).toBeInstanceOf(FeedTimeoutError);
    await server.waitForIdle();
    expect(server.requestsTo('/silent.xml')[0]?.outcome).toBe('client_closed');
  });

  it('stops when the caller aborts, with the caller’s reason', async () => {
    server.route('/abort.xml', { body: RSS.repeat(20), drip: { intervalMs: 50 } });
    const controller = new AbortController();
    const pending = fetchError(server.url('/abort.xml'), { ...guarded, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('shutting down')), 100);
    expect(await pending).toEqual(new Error('shutting down'));
    await server.waitForIdle();
    expect(server.requestsTo('/abort.xml')[0]?.outcome).toBe('client_closed');
  });
});

describe('fetchFeed: size cap', () => {
  const limit = { ...guarded, maxBytes: 100_000 };

  it('fails a chunked body that grows past maxBytes', async () => {
    server.route('/big.xml', { body: Buffer.alloc(300_000, 'a'), contentLength: false });
    expect(await fetchError(server.url('/big.xml'), limit)).toBeInstanceOf(FeedTooLargeError);
  });

  it('accepts a body of exactly maxBytes', async () => {
    server.route('/exact.xml', { body: Buffer.alloc(100_000, 'a'), encoding: 'gzip' });
    const outcome = await fetchFeed(server.url('/exact.xml'), limit);
    expect(outcome.kind === 'ok' && outcome.body.length).toBe(100_000);
  });

  it('fails at once on a Content-Length over the cap, without waiting for the body', async () => {
    server.route('/declared-big.xml', (_req, res) => {
      res.writeHead(200, { 'content-length': '50000000', 'content-type': 'application/rss+xml' });
      res.write('<rss>'); // and then nothing: a client that waited for the body would time out
    });
    const error = await fetchError(server.url('/declared-big.xml'), { ...limit, timeoutMs: 10_000 });
    expect(error).toBeInstanceOf(FeedTooLargeError);
    await server.waitForIdle();
  });

  it('fails a gzip bomb sent in one piece', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50_000_000));
    server.route('/bomb.xml.gz', { body: bomb, encoding: undefined, headers: { 'content-encoding': 'gzip' } });
    expect(bomb.length).toBeLessThan(limit.maxBytes);
    expect(await fetchError(server.url('/bomb.xml.gz'), limit)).toBeInstanceOf(FeedTooLargeError);
  });

  it.each(['gzip', 'deflate', 'br'] as const)(
    'stops an endless %s bomb while streaming (the server sees the client leave)',
    async (coding) => {
      const path = `/endless-${coding}.xml`;
      server.route(path, (_req, res) => streamEndlessZeros(res, coding));
      const error = await fetchError(server.url(path), { ...limit, timeoutMs: 15_000 });
      expect(error).toBeInstanceOf(FeedTooLargeError);
      await server.waitForIdle();
      expect(server.requestsTo(path)[0]?.outcome).toBe('client_closed');
    },
  );
});

/** Compresses zeros on the fly for as long as the client reads (at most 100 GB). */
function streamEndlessZeros(res: http.ServerResponse, coding: 'gzip' | 'deflate' | 'br'): void {
  const encoder = coding === 'gzip' ? zlib.createGzip() : coding === 'deflate' ? zlib.createDeflate() : zlib.createBrotliCompress();
  res.writeHead(200, { 'content-encoding': coding, 'content-type': 'application/rss+xml' });
  encoder.pipe(res);
  const zeros = Buffer.alloc(1_000_000);
  let left = 100_000;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= 1;
      encoder.write(zeros);
      encoder.flush(); // so compressed bytes keep flowing instead of piling up in the encoder
      if (encoder.writableNeedDrain) {
        encoder.once('drain', pump);
        return;
      }
    }
    encoder.end();
  };
  res.on('close', () => encoder.destroy());
  pump();
}

describe('fetchFeed: redirects', () => {
  it('follows 301 → 308 → 200 and reports the permanent URL', async () => {
    server.route('/moved/a.xml', { status: 301, location: 'b.xml' });
    server.route('/moved/b.xml', { status: 308, location: server.url('/moved/final.xml') });
    server.route('/moved/final.xml', { body: RSS });
    const outcome = await fetchFeed(server.url('/moved/a.xml'), guarded);
    expect(outcome).toMatchObject({
      kind: 'ok',
      finalUrl: server.url('/moved/final.xml'),
      permanentUrl: server.url('/moved/final.xml'),
    });
  });

  it('follows 301 → 302 → 200 without a permanent URL (the move is not consistent)', async () => {
    server.route('/mixed/a.xml', { status: 301, location: '/mixed/b.xml' });
    server.route('/mixed/b.xml', { status: 302, location: '../mixed/final.xml' });
    server.route('/mixed/final.xml', { body: RSS });
    const outcome = await fetchFeed(server.url('/mixed/a.xml'), guarded);
    expect(outcome).toMatchObject({ kind: 'ok', finalUrl: server.url('/mixed/final.xml') });
    expect(outcome.permanentUrl).toBeUndefined();
  });

  it('reports a permanent move that ends in a 304, and sends the validators on every hop', async () => {
    server.route('/perm304/old.xml', { status: 301, location: '/perm304/new.xml' });
    server.route('/perm304/new.xml', { body: RSS, etag: '"p1"' });
    const outcome = await fetchFeed(server.url('/perm304/old.xml'), { ...guarded, validators: { etag: '"p1"' } });
    expect(outcome).toEqual({
      kind: 'not_modified',
      finalUrl: server.url('/perm304/new.xml'),
      permanentUrl: server.url('/perm304/new.xml'),
      validators: { etag: '"p1"' },
    });
    expect(server.requestsTo('/perm304/old.xml')[0]?.headers['if-none-match']).toBe('"p1"');
  });

  it('refuses a redirect loop', async () => {
    server.route('/loop/a.xml', { status: 302, location: '/loop/b.xml' });
    server.route('/loop/b.xml', { status: 301, location: '/loop/a.xml' });
    const error = await fetchError(server.url('/loop/a.xml'));
    expect(error).toBeInstanceOf(FeedRedirectError);
    expect((error as Error).message).toMatch(/loop/);
  });

  it('follows at most 5 redirects', async () => {
    for (let i = 0; i < 7; i += 1) server.route(`/hops/${i}`, { status: 302, location: `/hops/${i + 1}` });
    server.route('/hops/7', { body: RSS });
    // 2 → 7 is five redirects: fine.
    expect(await fetchFeed(server.url('/hops/2'), guarded)).toMatchObject({ kind: 'ok', finalUrl: server.url('/hops/7') });
    // 1 → 7 is six: refused before the sixth is followed.
    const before = server.requestsTo('/hops/7').length;
    const error = await fetchError(server.url('/hops/1'));
    expect(error).toBeInstanceOf(FeedRedirectError);
    expect((error as Error).message).toMatch(/more than 5 redirects/);
    expect(server.requestsTo('/hops/7').length).toBe(before);
  });

  it('refuses a redirect to a scheme other than http(s)', async () => {
    server.route('/to-ftp.xml', { status: 301, location: 'ftp://127.0.0.1/feed.xml' });
    server.route('/to-file.xml', { status: 302, location: 'file:///etc/passwd' });
    expect(await fetchError(server.url('/to-ftp.xml'))).toBeInstanceOf(FeedRedirectError);
    expect(await fetchError(server.url('/to-file.xml'))).toBeInstanceOf(FeedRedirectError);
  });

  it('refuses a redirect without a Location', async () => {
    server.route('/no-location.xml', { status: 302 });
    const error = await fetchError(server.url('/no-location.xml'));
    expect(error).toBeInstanceOf(FeedRedirectError);
    expect((error as Error).message).toMatch(/Location/);
  });

  it.each([
    ['another loopback address', () => `http://127.0.0.2:${server.port}/feed.xml`, /loopback/],
    ['the cloud metadata service', () => 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
    ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:7f00:2]:${server.port}/feed.xml`, /loopback/],
    ['a private address', () => 'http://10.0.0.1/feed.xml', /private/],
  ])('refuses a redirect to %s, before connecting', async (_name, target, range) => {
    const path = `/to-private-${encodeURIComponent(target())}`;
    server.route(path, { status: 302, location: target() });
    const error = await fetchError(server.url(path));
    expect(error).toBeInstanceOf(FeedBlockedAddressError);
    expect((error as Error).message).toMatch(range);
  });

  it('checks the resolved address of a redirect target that is a host name', async () => {
    const resolveHost = async (hostname: string) =>
      hostname === 'feeds.example.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '127.0.0.2', family: 4 }];
    server.route('/to-name-ok.xml', { status: 301, location: `http://feeds.example.test:${server.port}/named.xml` });
    server.route('/to-name-private.xml', { status: 301, location: `http://internal.example.test:${server.port}/named.xml` });
    server.route('/named.xml', { body: RSS });

    const ok = await fetchFeed(server.url('/to-name-ok.xml'), { ...guarded, resolveHost });
    expect(ok).toMatchObject({ kind: 'ok', finalUrl: `http://feeds.example.test:${server.port}/named.xml` });
    expect(server.requestsTo('/named.xml')[0]?.headers.host).toBe(`feeds.example.test:${server.port}`);

    const error = await fetchError(server.url('/to-name-private.xml'), { ...guarded, resolveHost });
    expect(error).toBeInstanceOf(FeedBlockedAddressError);
    expect((error as Error).message).toMatch(/127\.0\.0\.2/);
    expect(server.requestsTo('/named.xml')).toHaveLength(1);
  });
});

describe('fetchFeed: SSRF guard on the first hop', () => {
  const strict: FetchFeedOptions = { allowPrivateHosts: false };

  it.each([
    ['127.0.0.1', () => server.url('/guarded.xml')],
    ['localhost (through DNS)', () => `http://localhost:${server.port}/guarded.xml`],
    ['127.0.0.1 written in decimal', () => `http://2130706433:${server.port}/guarded.xml`],
    ['::1', () => `http://[::1]:${server.port}/guarded.xml`],
    ['::ffff:127.0.0.1', () => `http://[::ffff:127.0.0.1]:${server.port}/guarded.xml`],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/'],
    ['0.0.0.0', () => `http://0.0.0.0:${server.port}/guarded.xml`],
  ])('refuses %s when private hosts are not allowed', async (_name, url) => {
    server.route('/guarded.xml', { body: RSS });
    expect(await fetchError(url(), strict)).toBeInstanceOf(FeedBlockedAddressError);
    expect(server.requestsTo('/guarded.xml')).toHaveLength(0);
  });

  it('fetches from 127.0.0.1 when private hosts are allowed', async () => {
    server.route('/allowed.xml', { body: RSS });
    expect(await fetchFeed(server.url('/allowed.xml'), { allowPrivateHosts: true })).toMatchObject({ kind: 'ok' });
  });
});

describe('fetchFeed: statuses and failures', () => {
  it('turns a 429 with Retry-After in seconds into a rate limit', async () => {
    server.route('/429.xml', { status: 429, headers: { 'retry-after': '120' } });
    const error = await fetchError(server.url('/429.xml'));
    expect(error).toBeInstanceOf(FeedRateLimitedError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 120_000, retryable: true });
  });

  it('gives a 429 without Retry-After the default backoff', async () => {
    server.route('/429-bare.xml', { status: 429 });
    expect(await fetchError(server.url('/429-bare.xml'))).toMatchObject({ status: 429, retryAfterMs: DEFAULT_RATE_LIMIT_MS });
  });

  it('turns a 503 with Retry-After as an HTTP date into a rate limit', async () => {
    const at = new Date(Date.now() + 10 * 60_000).toUTCString();
    server.route('/503.xml', { status: 503, headers: { 'retry-after': at } });
    const error = await fetchError(server.url('/503.xml'));
    expect(error).toBeInstanceOf(FeedRateLimitedError);
    const { retryAfterMs } = error as FeedRateLimitedError;
    expect(retryAfterMs).toBeGreaterThan(8 * 60_000);
    expect(retryAfterMs).toBeLessThanOrEqual(10 * 60_000);
  });

  it('treats a 503 without Retry-After as a plain HTTP error', async () => {
    server.route('/503-bare.xml', { status: 503 });
    expect(await fetchError(server.url('/503-bare.xml'))).toMatchObject({ constructor: FeedHttpError, status: 503 });
  });

  it('turns a 410 into FeedGoneError, which is not retryable', async () => {
    server.route('/410.xml', { status: 410, body: 'gone' });
    const error = await fetchError(server.url('/410.xml'));
    expect(error).toBeInstanceOf(FeedGoneError);
    expect(error).toMatchObject({ retryable: false });
  });

  it.each([500, 404, 403])('turns a %i into FeedHttpError', async (status) => {
    server.route(`/status-${status}.xml`, { status, body: '<html>error</html>' });
    expect(await fetchError(server.url(`/status-${status}.xml`))).toMatchObject({ constructor: FeedHttpError, status });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startFeedServer();
    const url = closed.url('/feed.xml');
    await closed.close();
    expect(await fetchError(url)).toBeInstanceOf(FeedNetworkError);
  });

  it('reports a connection cut in the middle of the body as a network error', async () => {
    server.route('/cut.xml', (_req, res) => {
      res.writeHead(200, { 'content-length': '10000' });
      res.write('<rss><channel>', () => res.destroy());
    });
    expect(await fetchError(server.url('/cut.xml'))).toBeInstanceOf(FeedNetworkError);
  });

  it.each(['not a url', '/relative/feed.xml', 'ftp://127.0.0.1/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)'])(
    'refuses %p as an invalid feed URL',
    async (url) => {
      expect(await fetchError(url)).toBeInstanceOf(FeedInvalidUrlError);
    },
  );
});
