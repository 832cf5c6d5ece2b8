import type http from 'node:http';
import zlib from 'node:zlib';
import { version } from '../../../package.json';
import { FeedContentEncodingError, FeedTimeoutError, FeedTooLargeError } from '../../../src/feeds/errors';
import { fetchFeed } from '../../../src/feeds/fetch/fetch-feed';
import { startFeedServer, type FeedServer } from '../../support/feed-server';
import { fetchError, guarded, RSS } from '../../support/fetch-fixtures';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});

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
