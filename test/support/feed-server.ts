import http from 'node:http';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import zlib from 'node:zlib';

/**
 * A real HTTP server on 127.0.0.1 (a free port) for feed tests: declarative routes for the common
 * cases (status, headers, body, compression, conditional GET, redirects, delays, slow drips) and
 * plain handlers for anything else. Every request is logged with its headers, and the server
 * tracks its connections so a test can see that a client really closed one.
 *
 *   const server = await startFeedServer();
 *   server.route('/feed.xml', { body: rss, contentType: 'application/rss+xml', etag: '"v1"', encoding: 'gzip' });
 *   server.route('/old', { status: 301, location: '/feed.xml' });
 *   server.route('/busy', [{ status: 429, headers: { 'retry-after': '120' } }, { body: rss }]); // in turn, last repeats
 *   server.route('/custom', (req, res) => { res.writeHead(200); res.end('ok'); });
 *   await fetchFeed(server.url('/feed.xml'), ...);
 *   server.requestsTo('/feed.xml')[0]?.headers['user-agent'];
 *   await server.close();
 */

export type ContentCoding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';

export interface RouteSpec {
  /** Default 200 (or 304 when the conditional headers match, see etag / lastModified). */
  status?: number;
  headers?: Record<string, string | string[]>;
  /** Shorthand for the Content-Type header. */
  contentType?: string;
  /** Shorthand for the Location header (a redirect), relative or absolute. */
  location?: string;
  body?: string | Buffer;
  /** Compresses the body and sets Content-Encoding ("deflate-raw" sends raw deflate as "deflate"). */
  encoding?: ContentCoding;
  /**
   * Sent as ETag / Last-Modified; when the request's If-None-Match / If-Modified-Since equals
   * them exactly, the answer is 304 with no body.
   */
  etag?: string;
  lastModified?: string;
  /** Sends a Content-Length (default true; false streams the body chunked). A number lies. */
  contentLength?: boolean | number;
  /** Waits this long before sending the status line and headers. */
  delayMs?: number;
  /** Sends the headers at once, then the body `chunkBytes` at a time every `intervalMs`. */
  drip?: { intervalMs: number; chunkBytes?: number };
}

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The status the server answered with (undefined until the head is written). */
  status?: number;
  /** "finished": the whole response was sent; "client_closed": the client went away first. */
  outcome: 'pending' | 'finished' | 'client_closed';
}

export interface FeedServer {
  /** e.g. http://127.0.0.1:40123 */
  readonly origin: string;
  readonly port: number;
  /** An absolute URL on this server. */
  url(path: string): string;
  /**
   * The same URL on another loopback address (127.0.0.`host + 1`), which the poller treats as another
   * host; `startFeedServer({ hosts })` listens on that many addresses (Linux routes all of 127/8 to lo).
   */
  urlOn(host: number, path: string): string;
  /** Sets (or replaces) what a path answers; a list is answered in turn, its last entry repeating. */
  route(path: string, answer: RouteSpec | RouteSpec[] | RouteHandler): void;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** The requests received for one path (query string ignored). */
  requestsTo(path: string): RecordedRequest[];
  /** Connections open right now. */
  openConnections(): number;
  /** Resolves when no connection is open; rejects after `timeoutMs` (default 5 s) otherwise. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** Closes every connection and the server. */
  close(): Promise<void>;
}

type Answer = RouteSpec[] | RouteHandler;

export interface FeedServerOptions {
  /** Loopback addresses to answer on, 127.0.0.1 onwards, all on the same port (default 1). */
  hosts?: number;
  /** The port to listen on (default: a free one); a benchmark that reuses a store across runs needs the same feed URLs. */
  port?: number;
}

export async function startFeedServer(options: FeedServerOptions = {}): Promise<FeedServer> {
  const routes = new Map<string, { answer: Answer; served: number }>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const idleWaiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const record: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, outcome: 'pending' };
    requests.push(record);
    res.on('finish', () => (record.outcome = 'finished'));
    res.on('close', () => {
      if (record.outcome === 'pending') record.outcome = 'client_closed';
    });
    const originalWriteHead = res.writeHead.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      record.status = status;
      return originalWriteHead(status, ...rest);
    });

    const entry = routes.get(pathOf(req.url));
    if (entry === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (typeof entry.answer === 'function') {
      entry.answer(req, res);
      return;
    }
    const spec = entry.answer[Math.min(entry.served, entry.answer.length - 1)] ?? {};
    entry.served += 1;
    serveSpec(spec, req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) for (const wake of idleWaiters) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  // Other addresses hand their connections to the same HTTP server (one set of routes and records).
  const extra: net.Server[] = [];
  for (let host = 1; host < (options.hosts ?? 1); host += 1) {
    const listener = net.createServer((socket) => server.emit('connection', socket));
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, loopbackAddress(host), resolve);
    });
    extra.push(listener);
  }

  return {
    origin,
    port,
    url: (path) => new URL(path, origin).href,
    urlOn: (host, path) => new URL(path, `http://${loopbackAddress(host)}:${port}`).href,
    route: (path, answer) => {
      routes.set(path, { answer: typeof answer === 'function' || Array.isArray(answer) ? answer : [answer], served: 0 });
    },
    requests,
    requestsTo: (path) => requests.filter((r) => pathOf(r.path) === path),
    openConnections: () => sockets.size,
    waitForIdle: (timeoutMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        if (sockets.size === 0) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          idleWaiters.delete(wake);
          reject(new Error(`${sockets.size} connection(s) still open after ${timeoutMs} ms`));
        }, timeoutMs);
        const wake = (): void => {
          clearTimeout(timer);
          idleWaiters.delete(wake);
          resolve();
        };
        idleWaiters.add(wake);
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        for (const listener of extra) listener.close();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** 127.0.0.1 for host 0, 127.0.0.2 for host 1, … (up to 127.0.255.254). */
function loopbackAddress(host: number): string {
  const n = host + 1;
  return `127.0.${Math.floor(n / 256)}.${n % 256}`;
}

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}

function serveSpec(spec: RouteSpec, req: http.IncomingMessage, res: http.ServerResponse): void {
  const headers: Record<string, string | string[]> = { ...spec.headers };
  if (spec.contentType !== undefined) headers['content-type'] = spec.contentType;
  if (spec.location !== undefined) headers.location = spec.location;
  if (spec.etag !== undefined) headers.etag = spec.etag;
  if (spec.lastModified !== undefined) headers['last-modified'] = spec.lastModified;
  const notModified =
    (spec.etag !== undefined && req.headers['if-none-match'] === spec.etag) ||
    (spec.lastModified !== undefined && req.headers['if-modified-since'] === spec.lastModified);
  const status = notModified ? 304 : (spec.status ?? 200);
  let body: Buffer = notModified ? Buffer.alloc(0) : Buffer.from(spec.body ?? '');
  if (spec.encoding !== undefined && !notModified) {
    body = compress(body, spec.encoding);
    headers['content-encoding'] = spec.encoding === 'deflate-raw' ? 'deflate' : spec.encoding;
  }
  if (spec.contentLength !== false && status !== 304) {
    headers['content-length'] = String(typeof spec.contentLength === 'number' ? spec.contentLength : body.length);
  }
  const send = (): void => {
    if (res.destroyed) return;
    res.writeHead(status, headers);
    if (spec.drip === undefined) res.end(body);
    else drip(res, body, spec.drip.intervalMs, spec.drip.chunkBytes ?? 1);
  };
  if (spec.delayMs === undefined) send();
  else {
    const timer = setTimeout(send, spec.delayMs);
    res.on('close', () => clearTimeout(timer));
  }
}

function drip(res: http.ServerResponse, body: Buffer, intervalMs: number, chunkBytes: number): void {
  res.flushHeaders();
  let offset = 0;
  const timer = setInterval(() => {
    if (offset >= body.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(body.subarray(offset, offset + chunkBytes));
    offset += chunkBytes;
  }, intervalMs);
  res.on('close', () => clearInterval(timer));
}

/** Compresses a body as a server would for the given Content-Encoding. */
export function compress(body: Buffer, coding: ContentCoding): Buffer {
  switch (coding) {
    case 'gzip':
      return zlib.gzipSync(body);
    case 'deflate':
      return zlib.deflateSync(body);
    case 'deflate-raw':
      return zlib.deflateRawSync(body);
    case 'br':
      return zlib.brotliCompressSync(body);
  }
}
