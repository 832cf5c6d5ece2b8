import { isUtf8 } from 'node:buffer';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { FeedParseError, FeedTooLargeError } from '../errors';
import type { CharsetSource } from './sniff-charset';
import { charsetFromContentType, charsetFromXmlDeclaration, resolveCharsetLabel, sniffBom } from './sniff-charset';
import { decodeWindows1252 } from '../../shared/windows-1252';

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 10_000_000;

export interface DecodeBodyOptions {
  /** Cap on the size of a body that still has to be gunzipped here (default 10 MB). */
  maxDecompressedBytes?: number;
  /** Only used in error messages. */
  url?: string;
}

export interface DecodedBody {
  text: string;
  charset: string;
  source: CharsetSource;
}

/**
 * Bytes of a response body (already decoded per Content-Encoding) to text. A body that still
 * starts with the gzip magic bytes is gunzipped first (servers that compress without saying so).
 * Charset, first rule that gives a known name: BOM, Content-Type charset, XML declaration, UTF-8
 * if the bytes are valid UTF-8, else windows-1252. The BOM is stripped.
 */
export function decodeFeedBody(body: Buffer, contentType?: string, options: DecodeBodyOptions = {}): string {
  return decodeFeedBodyDetailed(body, contentType, options).text;
}

/** decodeFeedBody, also telling which charset was used and why. */
export function decodeFeedBodyDetailed(body: Buffer, contentType?: string, options: DecodeBodyOptions = {}): DecodedBody {
  const bytes = gunzipIfCompressed(body, options);
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.length), bom.charset), charset: bom.charset, source: 'bom' };
  const fromHeader = resolveCharsetLabel(charsetFromContentType(contentType));
  if (fromHeader) return { text: decodeAs(bytes, fromHeader), charset: fromHeader, source: 'content-type' };
  const fromDeclaration = resolveCharsetLabel(charsetFromXmlDeclaration(bytes));
  if (fromDeclaration) return { text: decodeAs(bytes, fromDeclaration), charset: fromDeclaration, source: 'xml-declaration' };
  if (isUtf8(bytes)) return { text: decodeAs(bytes, 'utf-8'), charset: 'utf-8', source: 'utf-8-valid' };
  return { text: decodeAs(bytes, 'windows-1252'), charset: 'windows-1252', source: 'fallback' };
}

function decodeAs(bytes: Buffer, charset: string): string {
  let text: string;
  if (charset === 'windows-1252') text = decodeWindows1252(bytes);
  else if (charset === 'utf-8') text = bytes.toString('utf8');
  else text = iconv.decode(bytes, charset, { stripBOM: true });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function gunzipIfCompressed(body: Buffer, options: DecodeBodyOptions): Buffer {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  const limit = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
  try {
    // Lenient on a truncated stream: what arrived is decoded and the parser judges it.
    return zlib.gunzipSync(body, { maxOutputLength: limit, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FeedTooLargeError(limit, options.url ?? 'this address');
    }
    throw new FeedParseError('the body starts like gzip data but could not be decompressed', { cause: error });
  }
}
