import fs from 'node:fs';
import { FeedParseError, NotAFeedError } from '../../../src/feeds/errors';
import { CORPUS, EXPECTED, first, items, run, UNDECLARED_LEGACY_ENCODING } from '../../support/feed-corpus';

/**
 * The acceptance test of issue 2, point 5: every file of ../shared/corpus/feeds, read in place,
 * through decodeFeedBody → parseFeed → normalizeEntry, against the "Robust expected items"
 * column of its EXPECTED.md (transcribed by hand below), plus the traps its per-file notes name.
 */
const corpusFiles = fs.readdirSync(CORPUS).filter((name) => !name.startsWith('.') && !name.endsWith('.md'));

test('the corpus is found beside the repository and the table covers every file in it', () => {
  expect(corpusFiles).toHaveLength(79);
  expect([...corpusFiles].sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(Object.entries(EXPECTED))('%s', (file, expected) => {
  if ('error' in expected) {
    test(`is rejected with a ${expected.error === 'not-a-feed' ? 'NotAFeedError' : 'FeedParseError'}`, async () => {
      const { error } = await run(file);
      expect(error).toBeInstanceOf(expected.error === 'not-a-feed' ? NotAFeedError : FeedParseError);
      expect((error as Error).message).toMatch(expected.error === 'not-a-feed' ? /^not a feed: / : /^the feed could not be parsed: /);
    });
    return;
  }
  test(`yields ${expected.items} item(s)`, async () => {
    const outcome = await run(file);
    expect(outcome.error).toBeUndefined();
    expect(outcome.feed?.entries).toHaveLength(expected.entries ?? expected.items);
    expect(outcome.items).toHaveLength(expected.items);
  });
  test('has every field as a plain string and no replacement character in titles or summaries', async () => {
    for (const item of await items(file)) {
      for (const value of [item.key, item.title, item.summary, item.link, item.published, item.author, ...item.categories]) {
        expect(['string', 'undefined']).toContain(typeof value);
      }
      if (UNDECLARED_LEGACY_ENCODING.has(file)) continue;
      expect(item.title).not.toContain('\uFFFD');
      expect(item.summary).not.toContain('\uFFFD');
    }
  });
});

describe('encodings: first titles decode correctly', () => {
  test.each([
    ['rssparser__encoding.rss', 'Mãe de utente é a nova presidente da Raríssimas'],
    ['nodefp__iconv.xml', 'В Бузулуке главные стройплощадки – детсад и Ледовый дворец'],
    ['nodefp__compressed.xml', 'В Бузулуке главные стройплощадки – детсад и Ледовый дворец'],
    ['rssparser__uolNoticias.rss', 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno'],
    ['feedrs__rss_0.91_encoding_1.xml', 'bash - Expansão de Parâmetros'],
    ['feedrs__rss_0.91_missing_id.xml', 'Oferta de Empleo Público // 3 PROFESOR/A TÉCNICO/A (INGENIE. TÉC. FORESTAL) 17/17'],
    ['feedrs__rss_1.0_iso8859.xml', 'Digitalministerium: Neue Glasfaserförderung mit Schnellkasse'],
    ['feedrs__rss_2.0_encoding_1.xml', 'Revolução nas telas com pontos quânticos impressos em 3D'],
    ['pyfeedparser__large_atom_feed_that_needs_css_sanitisation.xml', 'Невидимая броня для Вашего Nokia 5800'],
    ['nodefp__invalid-characters-gzipped.xml', 'NSOperation'],
    ['rssparser__heraldsun.rss', 'The First Item'],
  ])('%s', async (file, title) => {
    expect((await first(file)).title).toBe(title);
  });

  test('EUC-KR channel title is "년" and UTF-16LE with a BOM parses (no items in either)', async () => {
    expect((await run('pyfeedparser__encoding_euc-kr.xml')).feed?.title).toBe('\uB144');
    expect((await run('pyfeedparser__encoding_utf-16le-bom.xml')).feed?.format).toBe('rss');
  });

  test('a windows-1252 character smuggled into UTF-8 as U+0092 is restored ("demoronize")', async () => {
    expect((await first('pyfeedparser__encoding_demoronize-1.xml')).summary).toBe('don\u2019t');
  });
});
