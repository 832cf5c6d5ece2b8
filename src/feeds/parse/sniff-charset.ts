import iconv from 'iconv-lite';
import { WINDOWS_1252_LABELS } from '../../shared/windows-1252';

/** Where a body's charset came from; kept for tests and logs. */
export type CharsetSource = 'bom' | 'content-type' | 'xml-declaration' | 'utf-8-valid' | 'fallback';

export interface Bom {
  charset: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

/** The byte order mark at the start of the bytes, if any. */
export function sniffBom(bytes: Buffer): Bom | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** The `charset` parameter of a Content-Type header value, as written (unquoted). */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '');
  return match?.[2];
}

const XML_DECLARATION = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/**
 * The `encoding` of the XML declaration. Also recognises a UTF-16 document without a BOM by
 * its first bytes ("<?" as two 16-bit units), as the XML specification's appendix F does.
 */
export function charsetFromXmlDeclaration(bytes: Buffer): string | undefined {
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  const head = bytes.subarray(0, 1024).toString('latin1');
  const label = XML_DECLARATION.exec(head)?.[1];
  // A declaration we could read as ASCII cannot be in UTF-16 or UTF-32, whatever it says.
  if (label && /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/i.test(label)) return undefined;
  return label;
}

/**
 * The charset name to decode with, for a label from any source: the WHATWG windows-1252 labels
 * (iso-8859-1, latin1, us-ascii…) become "windows-1252"; other names iconv-lite knows are kept;
 * unknown names give undefined so that the caller falls through to its next rule.
 */
export function resolveCharsetLabel(label: string | undefined): string | undefined {
  const name = label?.trim().toLowerCase();
  if (!name) return undefined;
  if (WINDOWS_1252_LABELS.has(name)) return 'windows-1252';
  if (name === 'utf8' || name === 'unicode-1-1-utf-8') return 'utf-8';
  return iconv.encodingExists(name) ? name : undefined;
}
