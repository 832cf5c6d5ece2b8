import fs from 'node:fs';
import path from 'node:path';
import { decodeFeedBody } from '../../src/feeds/decode-body';
import { FeedParseError, NotAFeedError } from '../../src/feeds/errors';
import { parseFeed } from '../../src/feeds/parse-feed';
import type { ParsedFeed } from '../../src/feeds/types';
import type { NewsItem } from '../../src/news/item';
import { dedupeItems, normalizeEntry } from '../../src/news/normalize';

/**
 * The acceptance test of issue 2, point 5: every file of ../shared/corpus/feeds, read in place,
 * through decodeFeedBody → parseFeed → normalizeEntry, against the "Robust expected items"
 * column of its EXPECTED.md (transcribed by hand below), plus the traps its per-file notes name.
 */
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/feeds');

type Expected =
  /** `items` clean items after normalizeEntry; `entries` parsed when some are unusable (skipped). */
  | { items: number; entries?: number }
  | { error: 'not-a-feed' | 'parse-error' };

/**
 * "Robust expected items" per file. Where EXPECTED.md allows "lenient / parse error (strict)" the
 * lenient count is expected (#26, #60, #62, #67). Where it allows "0 / error" for a truncated
 * feed (#49, #66, #77) we expect the error: an empty result from a broken body must count as a
 * failed poll, not as "nothing new".
 */
const EXPECTED: Record<string, Expected> = {
  'rssparser__guardian.rss': { items: 55 }, // 1
  'rssparser__heraldsun.rss': { items: 2 }, // 2
  'rssparser__uolNoticias.rss': { items: 15 }, // 3
  'rssparser__encoding.rss': { items: 40 }, // 4
  'rssparser__content-encoded.rss': { items: 7 }, // 5
  'rssparser__craigslist.rss': { items: 25 }, // 6
  'rssparser__rss-1.rss': { items: 69 }, // 7
  'rssparser__giantbomb-podcast.rss': { items: 730 }, // 8
  'rssparser__narro.rss': { items: 1 }, // 9
  'rssparser__itunes-missing-image.rss': { items: 131 }, // 10
  'rssparser__heise.atom': { items: 15 }, // 11
  'rssparser__gulp-atom.atom': { items: 10 }, // 12
  'rssparser__reddit-atom.rss': { items: 24 }, // 13
  'rssparser__incomplete-fields.atom': { items: 0, entries: 1 }, // 14: 1 (unusable: no id/link/title)
  'rssparser__feedburner.atom': { items: 25 }, // 15
  'rssparser__unrecognized.rss': { error: 'not-a-feed' }, // 16
  'rssparser__instant-article.rss': { items: 1 }, // 17
  'rssparser__reddit.rss': { items: 24 }, // 18
  'nodefp__rss2sample.xml': { items: 4 }, // 19
  'nodefp__iconv.xml': { items: 10 }, // 20
  'nodefp__compressed.xml': { items: 10 }, // 21 (after gunzip)
  'nodefp__invalid-characters-gzipped.xml': { items: 25 }, // 22 (after gunzip)
  'nodefp__illegally-nested.xml': { items: 10 }, // 23
  'nodefp__guid-dupes.xml': { items: 1 }, // 24
  'nodefp__mediacontent-dupes.xml': { items: 1 }, // 25
  'nodefp__saxerror.xml': { items: 3 }, // 26: lenient
  'nodefp__notafeed.html': { error: 'not-a-feed' }, // 27
  'nodefp__rss-with-relative-urls.xml': { items: 2 }, // 28
  'nodefp__relative-channel-image-url.xml': { items: 1 }, // 29
  'nodefp__rss-with-trailing-meta.xml': { items: 1 }, // 30
  'nodefp__intertwingly.atom': { items: 20 }, // 31
  'nodefp__tpm.atom': { items: 20 }, // 32
  'nodefp__nondefaultnamespace-xhtml.atom': { items: 1 }, // 33
  'nodefp__wapowellness.xml': { items: 29 }, // 34
  'nodefp__category-feed.xml': { items: 1 }, // 35
  'feedrs__rss_0.91_spec_1.xml': { items: 2 }, // 36
  'feedrs__rss_0.92_spec_1.xml': { items: 3 }, // 37
  'feedrs__rss_0.91_encoding_1.xml': { items: 1 }, // 38
  'feedrs__rss_0.91_missing_id.xml': { items: 1 }, // 39
  'feedrs__rss_1.0_iso8859.xml': { items: 1 }, // 40
  'feedrs__rss_1.0_biorxiv.xml': { items: 1 }, // 41
  'feedrs__rss_2.0_bbc.xml': { items: 1 }, // 42
  'feedrs__rss_2.0_spiegel.xml': { items: 1 }, // 43
  'feedrs__rss_2.0_encoding_1.xml': { items: 1 }, // 44
  'feedrs__rss_2.0_relurl_1.xml': { items: 2 }, // 45
  'feedrs__rss_2.0_relurl_2.xml': { items: 1 }, // 46
  'feedrs__rss_2.0_nightvale.xml': { items: 1 }, // 47
  'feedrs__rss_2.0_vimeo_media.xml': { items: 1 }, // 48
  'feedrs__rss_2.0_invalid_1.xml': { error: 'parse-error' }, // 49: 0 — truncated; treat as fetch failure
  'feedrs__rss_2.0_cloudflare.xml': { items: 1 }, // 50
  'feedrs__atom_mediarss_youtube_1.xml': { items: 1 }, // 51
  'feedrs__atom_mediarss_reddit_1.xml': { items: 25 }, // 52
  'feedrs__atom_xml_base.xml': { items: 1 }, // 53
  'feedrs__atom_relative.xml': { items: 1 }, // 54
  'feedrs__jsonfeed_spec_1.json': { items: 1 }, // 55
  'feedrs__jsonfeed_elastic_1.1.json': { items: 3 }, // 56
  'feedjira__CRE.xml': { items: 30 }, // 57
  'feedjira__TechCrunch.xml': { items: 20 }, // 58
  'feedjira__json_feed.json': { items: 20 }, // 59
  'feedjira__InvalidDateFormat.xml': { items: 2 }, // 60: lenient
  'feedjira__itunes.xml': { items: 3 }, // 61
  'feedjira__ITunesWithSingleQuotedAttributes.xml': { items: 3 }, // 62: lenient
  'feedjira__youtube_atom.xml': { items: 15 }, // 63
  'feedjira__HuffPostCanada.xml': { items: 2 }, // 64
  'feedjira__FeedBurnerXHTML.xml': { items: 10 }, // 65
  'pyfeedparser__illformed_rss_incomplete_cdata.xml': { error: 'parse-error' }, // 66: 0 / error
  'pyfeedparser__illformed_rss_item_link_corrupted_ampersands.xml': { items: 1 }, // 67: lenient
  'pyfeedparser__illformed_undeclared_namespace.xml': { items: 0 }, // 68
  'pyfeedparser__illformed_chardet_koi8r.xml': { items: 1 }, // 69
  'pyfeedparser__illformed_chardet_shiftjis.xml': { items: 1 }, // 70
  'pyfeedparser__atom03_entry_content_mode_base64.xml': { items: 1 }, // 71
  'pyfeedparser__large_atom_feed_that_needs_css_sanitisation.xml': { items: 15 }, // 72
  'pyfeedparser__json_example.json': { items: 2 }, // 73
  'pyfeedparser__encoding_utf-16le-bom.xml': { items: 0 }, // 74
  'pyfeedparser__encoding_euc-kr.xml': { items: 0 }, // 75
  'pyfeedparser__encoding_demoronize-1.xml': { items: 1 }, // 76
  'pyfeedparser__encoding_bozo_invalid-bytes-with-bom.xml': { error: 'parse-error' }, // 77: 0 / error
  'gofeed__atom03_feed_entry_link_multiple.xml': { items: 1 }, // 78
  'gofeed__json_version_json_11.json': { items: 1 }, // 79
};

/** No charset information at all: decoded as windows-1252 by rule, so mojibake is expected (EXPECTED #69, #70). */
const UNDECLARED_LEGACY_ENCODING = new Set(['pyfeedparser__illformed_chardet_koi8r.xml', 'pyfeedparser__illformed_chardet_shiftjis.xml']);

/** The URL a file is "fetched" from; the Arc Games feed is only resolvable against its real address. */
function urlOf(file: string): string {
  if (file === 'nodefp__rss-with-relative-urls.xml') return 'https://www.arcgames.com/en/games/neverwinter/news/rss';
  return `https://corpus.example/feeds/${encodeURIComponent(file)}`;
}

interface Outcome {
  feed?: ParsedFeed;
  /** normalizeEntry of each entry, undefined where the entry was skipped. */
  normalized: (NewsItem | undefined)[];
  items: NewsItem[];
  error?: unknown;
}

const FIRST_SEEN = new Date('2026-01-01T00:00:00Z');
const outcomes = new Map<string, Promise<Outcome>>();

function run(file: string): Promise<Outcome> {
  let outcome = outcomes.get(file);
  if (!outcome) {
    outcome = (async () => {
      try {
        const text = decodeFeedBody(fs.readFileSync(path.join(CORPUS, file)));
        const feed = await parseFeed(text, urlOf(file));
        const normalized = feed.entries.map((entry) => normalizeEntry(entry, { url: urlOf(file), name: file }, FIRST_SEEN));
        return { feed, normalized, items: normalized.filter((item): item is NewsItem => item !== undefined) };
      } catch (error) {
        return { normalized: [], items: [], error };
      }
    })();
    outcomes.set(file, outcome);
  }
  return outcome;
}

async function items(file: string): Promise<NewsItem[]> {
  const outcome = await run(file);
  if (outcome.error) throw outcome.error;
  return outcome.items;
}

async function first(file: string): Promise<NewsItem> {
  const [item] = await items(file);
  if (!item) throw new Error(`${file} has no item`);
  return item;
}

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

describe('links are resolved', () => {
  test.each([
    ['rssparser__gulp-atom.atom', 'https://github.com/gulpjs/gulp/releases/tag/v3.9.0'],
    ['nodefp__intertwingly.atom', 'http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend'],
    ['nodefp__tpm.atom', 'http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist'],
    ['feedrs__atom_xml_base.xml', 'https://numi.st/post/2022/travel-uke'],
    ['feedrs__atom_relative.xml', 'https://example.com/blog/2003/12/13/atom03'],
    ['nodefp__rss-with-relative-urls.xml', 'https://www.arcgames.com/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21'],
    ['gofeed__atom03_feed_entry_link_multiple.xml', 'http://www.example.org/'],
    ['nodefp__guid-dupes.xml', 'http://www.braingle.com/50366.html'],
  ])('%s → %s', async (file, link) => {
    expect((await first(file)).link).toBe(link);
  });

  test('every relative entry link of the Atom feeds is made absolute', async () => {
    for (const file of ['nodefp__intertwingly.atom', 'nodefp__tpm.atom', 'rssparser__gulp-atom.atom']) {
      for (const item of await items(file)) expect(item.link).toMatch(/^https?:\/\/[a-z]/);
    }
  });
});

describe('links are canonical: tracking parameters removed, the rest kept', () => {
  test.each([
    ['nodefp__mediacontent-dupes.xml', 'http://www.dailymail.co.uk/news/article-2272640/Could-infamous-Black-Dahlia-case-solved-Cadaver-dog-discovers-death-scent-Hollywood-home-suspect-66-years-horrific-murder.html'],
    ['nodefp__category-feed.xml', 'http://www.nytimes.com/2013/05/06/nyregion/epa-plan-to-clean-up-gowanus-canal-meets-local-resistance.html'],
    ['rssparser__heise.atom', 'http://www.heise.de/developer/meldung/Java-Anwendungsserver-Red-Hat-gibt-WildFly-10-frei-3088438.html'],
    ['pyfeedparser__illformed_rss_item_link_corrupted_ampersands.xml', 'http://link/get?a=1&b=2'],
    ['feedrs__rss_2.0_encoding_1.xml', 'https://www.inovacaotecnologica.com.br/noticias/noticia.php?artigo=revolucao-telas-pontos-quanticos-impressos-3d&id=010150200813'],
  ])('%s', async (file, link) => {
    expect((await first(file)).link).toBe(link);
  });
});

describe('fields are plain strings', () => {
  test('categories with a domain attribute come out as their text', async () => {
    expect((await first('nodefp__category-feed.xml')).categories).toEqual(['Water Pollution', 'Gowanus Canal (Brooklyn, NY)']);
    const guardian = await first('rssparser__guardian.rss');
    expect(guardian.categories).toContain('Donald Trump');
    for (const item of await items('rssparser__guardian.rss')) {
      for (const category of item.categories) expect(typeof category).toBe('string');
    }
  });

  test('inline XHTML content in a prefixed namespace becomes text without markup', async () => {
    const item = await first('nodefp__nondefaultnamespace-xhtml.atom');
    expect(item.summary).toContain('Who knows an XML document from a hole in the ground?');
    expect(item.summary).not.toMatch(/[<>]/);
  });

  test('Atom 0.3 base64 content is decoded, then cleaned', async () => {
    const { feed, items: [item] } = await run('pyfeedparser__atom03_entry_content_mode_base64.xml');
    expect(feed?.entries[0]?.content).toBe('Example <b>Atom</b>');
    expect(item?.summary).toBe('Example Atom');
  });

  test('HTML written raw or escaped twice in a description is stripped, and reddit boilerplate dropped', async () => {
    for (const item of [...(await items('rssparser__reddit-atom.rss')), ...(await items('rssparser__reddit.rss'))]) {
      expect(item.summary).not.toMatch(/<|&lt;|submitted by|\[link\]/);
    }
  });
});

describe('keys', () => {
  test('three description-only items get three different content-hash keys', async () => {
    const keys = (await items('feedrs__rss_0.92_spec_1.xml')).map((item) => item.key);
    expect(new Set(keys).size).toBe(3);
    for (const key of keys) expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  test('an entry with no id, link, title or text is skipped', async () => {
    const outcome = await run('rssparser__incomplete-fields.atom');
    expect(outcome.normalized).toEqual([undefined]);
  });

  test('in-feed duplicate guids are deduplicated, keeping the first', async () => {
    const all = await items('rssparser__itunes-missing-image.rss');
    const deduped = dedupeItems(all);
    expect(deduped).toHaveLength(130);
    const duplicated = all.find((item, index) => all.findIndex((other) => other.key === item.key) !== index);
    expect(deduped.find((item) => item.key === duplicated?.key)).toBe(all.find((item) => item.key === duplicated?.key));
  });

  test('RDF items without a guid are keyed on rdf:about; RSS items without one on the canonical link', async () => {
    expect((await first('rssparser__craigslist.rss')).key).toBe('http://sfbay.craigslist.org/eby/apa/6186664607.html');
    expect((await first('nodefp__iconv.xml')).key).toBe('http://www.oren.ru/news/2743422/');
  });
});

describe('dates', () => {
  test.each([
    ['rssparser__giantbomb-podcast.rss', '2019-10-01T22:30:00.000Z'], // "PST"
    ['rssparser__itunes-missing-image.rss', '2015-11-07T17:00:00.000Z'], // "EST", no weekday
    ['rssparser__encoding.rss', '2018-01-03T13:47:00.000Z'], // trailing "\r\n      "
    ['nodefp__rss-with-relative-urls.xml', '2017-12-07T18:00:29.000Z'], // two-digit year
    ['feedjira__InvalidDateFormat.xml', '2017-10-16T15:10:00.000Z'], // pubDate, not the numeric dc:date
    ['rssparser__craigslist.rss', '2017-06-21T17:33:10.000Z'], // dc:date
    ['nodefp__tpm.atom', '2017-11-08T23:15:58.000Z'], // Atom published with offset
  ])('%s → %s', async (file, iso) => {
    expect((await first(file)).published).toBe(iso);
  });

  test('items without a date have none rather than an invented one', async () => {
    expect((await first('feedrs__rss_0.91_spec_1.xml')).published).toBeUndefined();
  });
});

describe('feed-level fields', () => {
  test('RSS <ttl> gives ttlMinutes', async () => {
    expect((await run('nodefp__rss-with-relative-urls.xml')).feed?.ttlMinutes).toBe(60);
  });

  test('JSON Feed title and format', async () => {
    const { feed } = await run('pyfeedparser__json_example.json');
    expect(feed).toMatchObject({ format: 'json', title: 'My Example Feed' });
  });
});
