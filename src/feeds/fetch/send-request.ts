import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { BlockedAddressLookupError } from './address-guard';
import { FeedBlockedAddressError, FeedNetworkError } from '../errors';

export interface SendRequestOptions {
  headers: Record<string, string>;
  /** The guarded DNS lookup (see address-guard.ts); the socket connects only to what it returns. */
  lookup: NonNullable<net.TcpSocketConnectOpts['lookup']>;
  /** Aborting destroys the request and its socket and rejects with the signal's reason. */
  signal: AbortSignal;
}

/**
 * One GET, no redirects followed: resolves with the response as soon as its headers arrive (the
 * body is left unread for the caller). Each request gets its own agent (`agent: false`), so no
 * pooled socket is reused across hops or across feeds with different guard settings; the
 * connection closes after the response.
 */
export function sendRequest(url: URL, options: SendRequestOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(options.signal.reason);
      return;
    }
    const transport = url.protocol === 'https:' ? https : http;
    let response: http.IncomingMessage | undefined;
    let request: http.ClientRequest;
    const onAbort = (): void => {
      request.destroy();
      response?.destroy();
      reject(options.signal.reason);
    };
    try {
      request = transport.request(url, {
        method: 'GET',
        headers: options.headers,
        lookup: options.lookup,
        agent: false,
      });
    } catch (error) {
      reject(new FeedNetworkError(url.href, error));
      return;
    }
    options.signal.addEventListener('abort', onAbort, { once: true });
    request.on('response', (res) => {
      response = res;
      // From here the body reader owns the abort (it destroys the response, hence the socket).
      options.signal.removeEventListener('abort', onAbort);
      res.on('close', () => request.destroy());
      resolve(res);
    });
    request.on('error', (error) => {
      options.signal.removeEventListener('abort', onAbort);
      if (options.signal.aborted) reject(options.signal.reason);
      else if (error instanceof BlockedAddressLookupError) reject(new FeedBlockedAddressError(url.href, error.message));
      else reject(new FeedNetworkError(url.href, error));
    });
    request.end();
  });
}
