/**
 * windows-1252 as the WHATWG Encoding Standard defines it: bytes 00–7F and A0–FF are the same
 * code points as ISO-8859-1, bytes 80–9F map through the table below, and the five bytes
 * windows-1252 leaves undefined (81, 8D, 8F, 90, 9D) map to the C1 control with the same number.
 * So every byte decodes to some code point and no U+FFFD is ever produced, which is what a
 * browser does with a page labelled iso-8859-1, latin1, us-ascii or windows-1252.
 */
const C1_TO_WINDOWS_1252: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, // 80–87
  0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, // 88–8F
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, // 90–97
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178, // 98–9F
];

/** The character windows-1252 puts at byte 0x80–0x9F, or the C1 control itself where it has none. */
export function windows1252ForC1(codePoint: number): string {
  const mapped = codePoint >= 0x80 && codePoint <= 0x9f ? C1_TO_WINDOWS_1252[codePoint - 0x80] : undefined;
  return String.fromCharCode(mapped ?? codePoint);
}

const C1_PATTERN = /[\u0080-\u009f]/g;

/** Decodes bytes as WHATWG windows-1252. */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(C1_PATTERN, (c) => windows1252ForC1(c.charCodeAt(0)));
}

/** The WHATWG labels of windows-1252 (lower case): all of them decode with decodeWindows1252. */
export const WINDOWS_1252_LABELS: ReadonlySet<string> = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100',
  'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252',
  'x-cp1252',
]);
