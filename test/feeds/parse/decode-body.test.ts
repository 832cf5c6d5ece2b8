import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { decodeFeedBody, decodeFeedBodyDetailed } from '../../../src/feeds/parse/decode-body';
import { FeedParseError, FeedTooLargeError } from '../../../src/feeds/errors';

const latin1 = (text: string) => Buffer.from(text, 'latin1');
const rss = (declaration: string, title: string) => `${declaration}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe('decodeFeedBody: charset order', () => {
  test('1. a BOM wins over everything else, and is stripped', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('<?xml version="1.0" encoding="windows-1251"?>', 'Ã©'))]);
    const decoded = decodeFeedBodyDetailed(utf8, 'application/rss+xml; charset=iso-8859-1');
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain('<title>Ã©</title>');

    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss('', 'Ünïcödé'), 'utf16le')]);
    expect(decodeFeedBody(utf16le, 'text/xml; charset=utf-8')).toBe(rss('', 'Ünïcödé'));

    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(rss('', 'Ωmega'), 'utf16le').swap16()]);
    expect(decodeFeedBody(utf16be)).toBe(rss('', 'Ωmega'));
  });

  test('2. the Content-Type charset beats the XML declaration (RFC 7303)', () => {
    const body = iconv.encode(rss('<?xml version="1.0" encoding="iso-8859-1"?>', 'Привет'), 'koi8-r');
    const decoded = decodeFeedBodyDetailed(body, 'application/xml; charset="KOI8-R"');
    expect(decoded).toMatchObject({ charset: 'koi8-r', source: 'content-type' });
    expect(decoded.text).toContain('<title>Привет</title>');
  });

  test('3. the XML declaration is used when the header names no charset', () => {
    const body = iconv.encode(rss('<?xml version="1.0" encoding="windows-1251"?>', 'В Бузулуке'), 'windows-1251');
    const decoded = decodeFeedBodyDetailed(body, 'application/rss+xml');
    expect(decoded).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
    expect(decoded.text).toContain('<title>В Бузулуке</title>');
  });

  test('4. undeclared bytes that are valid UTF-8 are UTF-8', () => {
    const decoded = decodeFeedBodyDetailed(Buffer.from(rss('', 'Mãe – “ok”')));
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'utf-8-valid' });
    expect(decoded.text).toContain('Mãe – “ok”');
  });

  test('5. undeclared bytes that are not valid UTF-8 fall back to windows-1252', () => {
    const body = Buffer.concat([latin1('<rss><channel><title>Mãe '), Buffer.from([0x93, 0x80, 0x94]), latin1('</title></channel></rss>')]);
    const decoded = decodeFeedBodyDetailed(body);
    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'fallback' });
    expect(decoded.text).toContain('Mãe “€”');
  });

  test('iso-8859-1, latin1 and us-ascii mean windows-1252 (WHATWG): 0x80–0x9F are not controls', () => {
    for (const label of ['ISO-8859-1', 'latin1', 'us-ascii']) {
      const body = Buffer.concat([latin1(`<?xml version="1.0" encoding="${label}"?><rss><channel><title>`), Buffer.from([0x92, 0xe9]), latin1('</title></channel></rss>')]);
      expect(decodeFeedBodyDetailed(body)).toMatchObject({ charset: 'windows-1252', source: 'xml-declaration' });
      expect(decodeFeedBody(body)).toContain('<title>’é</title>');
    }
  });

  test('windows-1252 never produces U+FFFD, even for its five undefined bytes', () => {
    const body = Buffer.concat([latin1('<?xml version="1.0" encoding="windows-1252"?><x>'), Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]), latin1('</x>')]);
    expect(decodeFeedBody(body)).not.toContain('\uFFFD');
  });

  test('an unknown charset name falls through to the next rule', () => {
    const body = iconv.encode(rss('<?xml version="1.0" encoding="windows-1251"?>', 'Да'), 'windows-1251');
    expect(decodeFeedBodyDetailed(body, 'text/xml; charset=x-no-such-charset')).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
    const utf8 = Buffer.from(rss('<?xml version="1.0" encoding="bogus-8"?>', 'ça'));
    expect(decodeFeedBodyDetailed(utf8, 'text/xml; charset=nonsense')).toMatchObject({ charset: 'utf-8', source: 'utf-8-valid' });
  });

  test('a declaration read as ASCII that claims UTF-16 is not believed', () => {
    const body = Buffer.from(rss('<?xml version="1.0" encoding="utf-16"?>', 'plain'));
    expect(decodeFeedBodyDetailed(body)).toMatchObject({ charset: 'utf-8', source: 'utf-8-valid' });
  });

  test('UTF-16 without a BOM is recognised by its first bytes', () => {
    const body = Buffer.from(rss('<?xml version="1.0" encoding="utf-16"?>', 'Ωmega'), 'utf16le');
    expect(decodeFeedBodyDetailed(body)).toMatchObject({ charset: 'utf-16le', source: 'xml-declaration' });
    expect(decodeFeedBody(body)).toContain('<title>Ωmega</title>');
  });

  test('a declaration after leading whitespace still counts', () => {
    const body = iconv.encode(`\n  ${rss('<?xml version="1.0" encoding="ISO-8859-15"?>', '€uro')}`, 'iso-8859-15');
    expect(decodeFeedBodyDetailed(body)).toMatchObject({ charset: 'iso-8859-15', source: 'xml-declaration' });
    expect(decodeFeedBody(body)).toContain('€uro');
  });
});

describe('decodeFeedBody: gzip the server did not announce', () => {
  test('a body that still starts with 1F 8B is gunzipped, then decoded', () => {
    const body = zlib.gzipSync(iconv.encode(rss('<?xml version="1.0" encoding="windows-1251"?>', 'Ледовый дворец'), 'windows-1251'));
    expect(decodeFeedBody(body)).toContain('<title>Ледовый дворец</title>');
  });

  test('a truncated gzip stream gives what it holds, for the parser to judge', () => {
    const full = zlib.gzipSync(Buffer.from(`<rss>${'<item>x</item>'.repeat(2000)}</rss>`));
    const text = decodeFeedBody(full.subarray(0, Math.floor(full.length / 2)));
    expect(text.startsWith('<rss><item>x</item>')).toBe(true);
  });

  test('the decompressed size is capped', () => {
    const bomb = zlib.gzipSync(Buffer.alloc(3_000_000, 0x20));
    expect(() => decodeFeedBody(bomb, undefined, { maxDecompressedBytes: 1_000_000, url: 'https://x.example/feed' })).toThrow(FeedTooLargeError);
    expect(decodeFeedBody(bomb, undefined, { maxDecompressedBytes: 4_000_000 })).toHaveLength(3_000_000);
  });

  test('corrupt gzip data is a FeedParseError', () => {
    const corrupt = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(40, 0xff)]);
    expect(() => decodeFeedBody(corrupt)).toThrow(FeedParseError);
  });
});
