import type http from 'node:http';
import {
  checkLiteralHost,
  createAddressPolicy,
  createGuardedLookup,
  type AddressPolicy,
  type ResolveHost,
} from './address-guard';
import { computeCacheForMs, DEFAULT_RATE_LIMIT_MS, parseRetryAfter } from './cache-headers';
import { createContentDecoders, UnsupportedContentEncodingError } from './content-decoding';
import {
  FeedBlockedAddressError,
  FeedContentEncodingError,
  FeedGoneError,
  FeedHttpError,
  FeedRateLimitedError,
  FeedRedirectError,
  FeedTimeoutError,
  FeedTooLargeError,
} from '../errors';
import { readBody } from './read-body';
import { buildRequestHeaders } from './request-headers';
import { parseFeedUrl } from '../feed-url';
import { sendRequest } from './send-request';
import type { HttpValidators } from '../types';

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 10_000_000;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface FetchFeedOptions {
  /** The stored ETag / Last-Modified, sent back verbatim as If-None-Match / If-Modified-Since. */
  validators?: HttpValidators;
  /** ALLOW_PRIVATE_FEED_HOSTS: when false (the default in config) the SSRF guard is on. */
  allowPrivateHosts: boolean;
  /** One deadline for the whole fetch: DNS, connect, headers, body, every redirect hop. */
  timeoutMs?: number;
  /** Cap on the body after decompression, enforced while streaming. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Aborting (e.g. on shutdown) destroys the socket and rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * For tests: replaces the guard's rule (public unicast only) when allowPrivateHosts is false,
   * e.g. `(ip) => ip === '127.0.0.1'` to reach a local test server while 127.0.0.2,
   * 169.254.169.254 and every other private address stay refused.
   */
  isAllowedAddress?: (ip: string) => boolean;
  /**
   * The resolver under the guard (the system's dns.lookup by default); the guard checks every
   * address it returns before the socket connects. Tests use it to give a name an address.
   */
  resolveHost?: ResolveHost;
}

export type FetchOutcome =
  | {
      kind: 'not_modified';
      finalUrl: string;
      validators: HttpValidators;
      /** Set when every redirect hop was a 301 or 308: the caller may store this URL instead. */
      permanentUrl?: string;
      cacheForMs?: number;
    }
  | {
      kind: 'ok';
      /** Decompressed bytes; the charset is not decoded. */
      body: Buffer;
      contentType?: string;
      finalUrl: string;
      /** The validators of this response, to store and send back next time. */
      validators: HttpValidators;
      /** Set when every redirect hop was a 301 or 308: the caller may store this URL instead. */
      permanentUrl?: string;
      cacheForMs?: number;
    };

interface FetchContext {
  originalUrl: string;
  headers: Record<string, string>;
  policy: AddressPolicy;
  lookup: ReturnType<typeof createGuardedLookup>;
  maxBytes: number;
  maxRedirects: number;
  sentValidators: HttpValidators;
  signal: AbortSignal;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_STATUSES = new Set([301, 308]);

/**
 * Fetches a feed with a conditional GET: redirects followed by hand and checked hop by hop, the
 * SSRF guard on every connection, the body decompressed under a size cap, all within one
 * deadline. Failures throw the named errors of ./errors.
 */
export async function fetchFeed(url: string, options: FetchFeedOptions): Promise<FetchOutcome> {
  const start = parseFeedUrl(url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const external = options.signal;
  const onExternalAbort = (): void => controller.abort(external?.reason);
  if (external?.aborted) throw external.reason;
  external?.addEventListener('abort', onExternalAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new FeedTimeoutError(timeoutMs, url)), timeoutMs);
  const policy = createAddressPolicy(options);
  try {
    return await followRedirects(start, {
      originalUrl: url,
      headers: buildRequestHeaders(options.validators),
      policy,
      lookup: createGuardedLookup(policy, options.resolveHost),
      maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
      maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
      sentValidators: options.validators ?? {},
      signal: controller.signal,
    });
  } finally {
    clearTimeout(timer);
    external?.removeEventListener('abort', onExternalAbort);
  }
}

async function followRedirects(start: URL, ctx: FetchContext): Promise<FetchOutcome> {
  const visited = new Set<string>([start.href]);
  let current = start;
  let allPermanent = true;
  for (let hops = 0; ; hops += 1) {
    const refusal = checkLiteralHost(current.hostname, ctx.policy);
    if (refusal !== undefined) throw new FeedBlockedAddressError(current.href, refusal);
    const response = await sendRequest(current, { headers: ctx.headers, lookup: ctx.lookup, signal: ctx.signal });
    const status = response.statusCode ?? 0;
    if (!REDIRECT_STATUSES.has(status)) {
      const permanentUrl = hops > 0 && allPermanent ? current.href : undefined;
      return handleFinalResponse(response, current.href, permanentUrl, ctx);
    }
    response.destroy();
    allPermanent &&= PERMANENT_STATUSES.has(status);
    const next = resolveRedirect(response, current, status);
    if (visited.has(next.href)) throw new FeedRedirectError(`redirect loop at ${current.href} → ${next.href}`);
    if (hops + 1 > ctx.maxRedirects) {
      throw new FeedRedirectError(`more than ${ctx.maxRedirects} redirects starting at ${ctx.originalUrl}`);
    }
    visited.add(next.href);
    current = next;
  }
}

function resolveRedirect(response: http.IncomingMessage, from: URL, status: number): URL {
  const location = response.headers.location;
  if (location === undefined || location.trim() === '') {
    throw new FeedRedirectError(`HTTP ${status} without a Location header from ${from.href}`);
  }
  let next: URL;
  try {
    next = new URL(location.trim(), from);
  } catch {
    throw new FeedRedirectError(`HTTP ${status} from ${from.href} points to an invalid URL`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FeedRedirectError(`HTTP ${status} from ${from.href} points to a ${next.protocol} URL, not http(s)`);
  }
  return next;
}

async function handleFinalResponse(
  response: http.IncomingMessage,
  finalUrl: string,
  permanentUrl: string | undefined,
  ctx: FetchContext,
): Promise<FetchOutcome> {
  const status = response.statusCode ?? 0;
  const headers = response.headers;
  const cacheForMs = computeCacheForMs(headers['cache-control'], headers.age);
  if (status === 304) {
    response.destroy();
    const validators = pickValidators(headers);
    return withoutUndefined({
      kind: 'not_modified',
      finalUrl,
      // A 304 may omit validators that did not change: keep the ones we sent.
      validators: withoutUndefined({
        etag: validators.etag ?? ctx.sentValidators.etag,
        lastModified: validators.lastModified ?? ctx.sentValidators.lastModified,
      }),
      permanentUrl,
      cacheForMs,
    });
  }
  if (status < 200 || status > 299) {
    response.destroy();
    throw statusError(status, headers, finalUrl);
  }
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > ctx.maxBytes) {
    response.destroy();
    throw new FeedTooLargeError(ctx.maxBytes, finalUrl);
  }
  let decoders;
  try {
    decoders = createContentDecoders(headers['content-encoding']);
  } catch (error) {
    response.destroy();
    if (error instanceof UnsupportedContentEncodingError) throw new FeedContentEncodingError(finalUrl, error.message);
    throw error;
  }
  const body = await readBody(response, decoders, { maxBytes: ctx.maxBytes, url: finalUrl, signal: ctx.signal });
  return withoutUndefined({
    kind: 'ok',
    body,
    contentType: headers['content-type'],
    finalUrl,
    validators: pickValidators(headers),
    permanentUrl,
    cacheForMs,
  });
}

function statusError(status: number, headers: http.IncomingHttpHeaders, url: string): Error {
  if (status === 410) return new FeedGoneError(url);
  const retryAfterMs = parseRetryAfter(headers['retry-after'], Date.now());
  if (status === 429) return new FeedRateLimitedError(status, retryAfterMs ?? DEFAULT_RATE_LIMIT_MS, url);
  if (status === 503 && retryAfterMs !== undefined) return new FeedRateLimitedError(status, retryAfterMs, url);
  return new FeedHttpError(status, url);
}

function pickValidators(headers: http.IncomingHttpHeaders): HttpValidators {
  return withoutUndefined({ etag: headers.etag, lastModified: headers['last-modified'] });
}

/** Drops keys whose value is undefined, so stored records and test expectations stay clean. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
