import type { Readable, Transform } from 'node:stream';
import { FeedContentEncodingError, FeedNetworkError, FeedTooLargeError } from '../errors';

export interface ReadBodyOptions {
  /** Cap on the bytes after decompression; the streams are destroyed as soon as it is passed. */
  maxBytes: number;
  /** The URL the body comes from, for error messages. */
  url: string;
  /** Aborting destroys every stream and rejects with the signal's reason. */
  signal: AbortSignal;
}

/**
 * Reads a response body through its decoders into one Buffer, counting decompressed bytes as
 * they come out. The tail is read in flowing mode, so the count is taken synchronously as each
 * chunk is produced and a gzip bomb is stopped within one zlib output chunk of the cap, not
 * after it has been inflated.
 */
export function readBody(source: Readable, decoders: Transform[], options: ReadBodyOptions): Promise<Buffer> {
  const streams: Readable[] = [source, ...decoders];
  const tail = streams[streams.length - 1] ?? source;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;

    const finish = (error: Error | undefined, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      if (error !== undefined) {
        for (const stream of streams) stream.destroy();
        reject(error);
      } else {
        resolve(body ?? Buffer.alloc(0));
      }
    };
    // An abort reason here is always an Error (a timeout, a shutdown, or the DOMException of abort()).
    const onAbort = (): void => finish(options.signal.reason as Error);

    if (options.signal.aborted) {
      onAbort();
      return;
    }
    options.signal.addEventListener('abort', onAbort, { once: true });

    source.on('error', (error) => finish(new FeedNetworkError(options.url, error)));
    decoders.forEach((decoder, index) => {
      decoder.on('error', (error) => finish(new FeedContentEncodingError(options.url, error.message, { cause: error })));
      (streams[index] ?? source).pipe(decoder);
    });
    // A connection that closes before the body ended is a network failure, not a short feed.
    source.on('close', () => {
      if (!source.readableEnded) finish(new FeedNetworkError(options.url, new Error('connection closed before the body ended')));
    });

    tail.on('data', (chunk: Buffer) => {
      if (settled) return;
      total += chunk.length;
      if (total > options.maxBytes) {
        finish(new FeedTooLargeError(options.maxBytes, options.url));
        return;
      }
      chunks.push(chunk);
    });
    tail.on('end', () => finish(undefined, Buffer.concat(chunks, total)));
  });
}
