import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/**
 * Streaming decoders for the Content-Encoding of a response (gzip, deflate, br). Charset
 * decoding is not done here: these give the feed's bytes exactly as the server would have sent
 * them uncompressed.
 */

/** The Content-Encoding names a coding we cannot undo. */
export class UnsupportedContentEncodingError extends Error {
  constructor(readonly coding: string) {
    super(`unsupported Content-Encoding "${coding}"`);
    this.name = 'UnsupportedContentEncodingError';
  }
}

// Lenient on truncated streams, like browsers: what arrived is decoded, the parser judges it.
const ZLIB_OPTIONS: zlib.ZlibOptions = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS: zlib.BrotliOptions = { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH };

/**
 * Returns the decoders to pipe the body through, in order (the last coding applied is undone
 * first). Empty for no encoding or "identity". Throws UnsupportedContentEncodingError for any
 * other coding.
 */
export function createContentDecoders(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reverse().map(createDecoder);
}

function createDecoder(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(ZLIB_OPTIONS);
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress(BROTLI_OPTIONS);
    default:
      throw new UnsupportedContentEncodingError(coding);
  }
}

/**
 * True when the first two bytes are a zlib header (RFC 1950): compression method 8 and a header
 * checksum that is a multiple of 31. HTTP "deflate" is meant to be zlib-wrapped, but many servers
 * send raw deflate (RFC 1951); browsers accept both, and so do we.
 */
export function hasZlibHeader(first: number, second: number): boolean {
  return (first & 0x0f) === 8 && (first >> 4) <= 7 && ((first << 8) | second) % 31 === 0;
}

/**
 * "deflate", zlib-wrapped or raw: waits for the first two bytes, then hands everything to an
 * Inflate or an InflateRaw. Output is pushed on as the inner stream produces it, so a consumer
 * that destroys this stream (a size cap) stops the inflation within one zlib output chunk.
 */
class DeflateDecoder extends Transform {
  private inner?: zlib.Inflate | zlib.InflateRaw;
  private head = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner !== undefined) {
      this.inner.write(chunk, () => callback());
      return;
    }
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 2) {
      callback();
      return;
    }
    const head = this.head;
    this.start(head).write(head, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    let inner = this.inner;
    if (inner === undefined) {
      // Fewer than two bytes in all: too short for a zlib header, so raw (or empty).
      const head = this.head;
      inner = this.start(head);
      if (head.length > 0) inner.write(head);
    }
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }

  private start(head: Buffer): zlib.Inflate | zlib.InflateRaw {
    const zlibWrapped = head.length >= 2 && hasZlibHeader(head[0] ?? 0, head[1] ?? 0);
    const inner = zlibWrapped ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS);
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
    this.head = Buffer.alloc(0);
    return inner;
  }
}
