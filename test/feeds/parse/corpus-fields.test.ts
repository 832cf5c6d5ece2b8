/** The feed corpus, field by field: links, canonical links, plain strings, keys, dates and feed-level fields. */
import { dedupeItems } from '../../../src/news/normalize';
import { first, items, run } from '../../support/feed-corpus';

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
