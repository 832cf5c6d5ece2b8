/** fetchFeed: redirects, the SSRF guard on the first hop, and every status and failure. */
import { DEFAULT_RATE_LIMIT_MS } from '../../../src/feeds/fetch/cache-headers';
import { FeedBlockedAddressError, FeedGoneError, FeedHttpError, FeedInvalidUrlError, FeedNetworkError, FeedRateLimitedError, FeedRedirectError } from '../../../src/feeds/errors';
import { fetchFeed, type FetchFeedOptions } from '../../../src/feeds/fetch/fetch-feed';
import { startFeedServer, type FeedServer } from '../../support/feed-server';
import { fetchError, guarded, RSS } from '../../support/fetch-fixtures';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

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
