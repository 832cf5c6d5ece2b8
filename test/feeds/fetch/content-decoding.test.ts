import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { createContentDecoders, hasZlibHeader, UnsupportedContentEncodingError } from '../../../src/feeds/fetch/content-decoding';

async function decode(bytes: Buffer, contentEncoding: string | undefined, chunkSize = bytes.length || 1): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  let stream: Readable = Readable.from(chunks);
  for (const decoder of createContentDecoders(contentEncoding)) stream = stream.pipe(decoder);
  const out: Buffer[] = [];
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

const feed = Buffer.from('<?xml version="1.0"?><rss version="2.0"><channel><title>Tidal × Sony</title></channel></rss>'.repeat(50));

describe('createContentDecoders', () => {
  it.each([
    ['gzip', zlib.gzipSync(feed)],
    ['x-gzip', zlib.gzipSync(feed)],
    ['br', zlib.brotliCompressSync(feed)],
    ['deflate', zlib.deflateSync(feed)],
    ['deflate', zlib.deflateRawSync(feed)],
    ['identity', feed],
    ['', feed],
  ])('decodes %p', async (coding, bytes) => {
    expect(await decode(bytes, coding)).toEqual(feed);
  });

  it('tells raw from zlib-wrapped deflate even when the bytes arrive one at a time', async () => {
    expect(await decode(zlib.deflateSync(feed), 'deflate', 1)).toEqual(feed);
    expect(await decode(zlib.deflateRawSync(feed), 'deflate', 1)).toEqual(feed);
  });

  it('decodes stacked codings in reverse order', async () => {
    expect(await decode(zlib.brotliCompressSync(zlib.gzipSync(feed)), 'gzip, br')).toEqual(feed);
  });

  it('decodes an empty deflate body to nothing', async () => {
    expect(await decode(Buffer.alloc(0), 'deflate')).toEqual(Buffer.alloc(0));
  });

  it('keeps what arrived of a truncated gzip body', async () => {
    const gz = zlib.gzipSync(feed);
    const out = await decode(gz.subarray(0, gz.length - 12), 'gzip');
    expect(feed.subarray(0, out.length)).toEqual(out);
  });

  it('fails on a corrupt body', async () => {
    await expect(decode(Buffer.from('this is not gzip at all'), 'gzip')).rejects.toThrow();
  });

  it('refuses unknown codings', () => {
    expect(() => createContentDecoders('compress')).toThrow(UnsupportedContentEncodingError);
    expect(() => createContentDecoders('gzip, zstd')).toThrow(/zstd/);
  });
});

describe('hasZlibHeader', () => {
  it('recognises the usual zlib headers and not raw deflate', () => {
    for (const level of [1, 6, 9]) {
      const bytes = zlib.deflateSync(feed, { level });
      expect(hasZlibHeader(bytes[0] ?? 0, bytes[1] ?? 0)).toBe(true);
      const raw = zlib.deflateRawSync(feed, { level });
      expect(hasZlibHeader(raw[0] ?? 0, raw[1] ?? 0)).toBe(false);
    }
  });
});
