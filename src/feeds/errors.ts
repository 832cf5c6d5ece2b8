/**
 * Each way a feed can fail has its own named error, so that health records, logs and the
 * `/feeds test` reply can say exactly what went wrong. `retryable` tells the poller whether the
 * failure counts towards the feed's backoff (false for permanent ones, which disable at once).
 */
export abstract class FeedError extends Error {
  abstract readonly code: string;
  readonly retryable: boolean = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered with a status that is not a feed (4xx, 5xx other than the ones below). */
export class FeedHttpError extends FeedError {
  readonly code = 'http_status';
  constructor(readonly status: number, url: string) {
    super(`HTTP ${status} from ${url}`);
  }
}

/** 410 Gone: the feed is removed for good and is disabled at once. */
export class FeedGoneError extends FeedError {
  readonly code = 'gone';
  override readonly retryable = false;
  constructor(url: string) {
    super(`the feed at ${url} is gone (HTTP 410)`);
  }
}

/** 429 or 503 with Retry-After: the server asks us to come back later; not the feed's fault. */
export class FeedRateLimitedError extends FeedError {
  readonly code = 'rate_limited';
  constructor(readonly status: number, readonly retryAfterMs: number, url: string) {
    super(`HTTP ${status} from ${url}: asked to retry in ${Math.round(retryAfterMs / 1000)}s`);
  }
}

export class FeedTimeoutError extends FeedError {
  readonly code = 'timeout';
  constructor(readonly timeoutMs: number, url: string) {
    super(`no complete answer from ${url} within ${Math.round(timeoutMs / 1000)}s`);
  }
}

export class FeedTooLargeError extends FeedError {
  readonly code = 'too_large';
  constructor(readonly limitBytes: number, url: string) {
    super(`the feed at ${url} is larger than ${Math.round(limitBytes / 1_000_000)} MB`);
  }
}

export class FeedRedirectError extends FeedError {
  readonly code = 'redirect';
  constructor(message: string) {
    super(message);
  }
}

/**
 * The URL or one of its redirects resolves to an address the SSRF guard refuses. Such a feed stays
 * off (it is not tried again) while private addresses are not allowed.
 */
export class FeedBlockedAddressError extends FeedError {
  readonly code = 'blocked_address';
  override readonly retryable = false;
  constructor(url: string, detail: string) {
    super(`${url} was not fetched: ${detail}, and this bot does not fetch feeds from private or local addresses`);
  }
}

/** DNS failure, connection refused or reset, TLS error. */
export class FeedNetworkError extends FeedError {
  readonly code = 'network';
  constructor(url: string, cause: unknown) {
    super(`could not reach ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Why an address is no usable feed URL. */
export type FeedUrlProblem = 'not-a-url' | 'scheme' | 'no-host' | 'credentials' | 'too-long';

export class FeedInvalidUrlError extends FeedError {
  readonly code = 'invalid_url';
  override readonly retryable = false;
  constructor(
    url: string,
    reason: string,
    readonly problem: FeedUrlProblem,
  ) {
    super(`"${url}" is not a usable feed URL: ${reason}`);
  }
}

/** The body is an HTML page or anything else that is not RSS, Atom or JSON Feed. */
export class NotAFeedError extends FeedError {
  readonly code = 'not_a_feed';
  constructor(detail: string) {
    super(`not a feed: ${detail}`);
  }
}

/** The body looks like a feed but is broken beyond what the lenient parser recovers (truncated). */
export class FeedParseError extends FeedError {
  readonly code = 'parse';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`the feed could not be parsed: ${detail}`, options);
  }
}

/** The body could not be decompressed: an unknown Content-Encoding, or corrupt gzip/deflate/br. */
export class FeedContentEncodingError extends FeedError {
  readonly code = 'content_encoding';
  constructor(url: string, detail: string, options?: { cause?: unknown }) {
    super(`the body from ${url} could not be decompressed: ${detail}`, options);
  }
}
