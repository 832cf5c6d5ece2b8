import { FeedParseError, NotAFeedError } from '../../../src/feeds/errors';
import { parseFeed } from '../../../src/feeds/parse/parse-feed';

const BASE = 'https://feeds.example/music/rss.xml';

const rss = (items: string, channel = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Music</title><link>https://site.example/</link>${channel}${items}</channel></rss>`;

const atom = (entries: string, feed = '') =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>${feed}${entries}</feed>`;

describe('parseFeed: format detection', () => {
  test.each([
    ['<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>', /HTML page/],
    ['<head><title>Document Moved</title></head>', /HTML page/],
    ['<?xml version="1.0"?><opml version="2.0"><body/></opml>', /root element is <opml>/],
    ['', /empty/],
    ['Service Unavailable', /neither XML nor JSON/],
    ['[{"title": "x"}]', /JSON array/],
    ['{"status": "ok", "data": []}', /not a JSON Feed/],
  ])('%j is not a feed', async (body, message) => {
    const error = await parseFeed(body, BASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAFeedError);
    expect((error as Error).message).toMatch(message);
  });

  test('broken JSON is a FeedParseError', async () => {
    await expect(parseFeed('{"version": "https://jsonfeed.org/version/1", "items": [', BASE)).rejects.toBeInstanceOf(FeedParseError);
  });

  test('RSS without a version attribute, RSS 0.91, RDF and Atom are recognised', async () => {
    expect((await parseFeed('<rss><channel><item><title>a</title></item></channel></rss>', BASE)).format).toBe('rss');
    expect((await parseFeed('<rss version="0.91"><channel><item><title>a</title></item></channel></rss>', BASE)).entries).toHaveLength(1);
    const rdf = await parseFeed(
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel/><item rdf:about="https://a.example/1"><title>one</title></item></rdf:RDF>',
      BASE,
    );
    expect(rdf).toMatchObject({ format: 'rdf', entries: [{ guid: 'https://a.example/1', link: 'https://a.example/1', title: 'one' }] });
    expect((await parseFeed(atom('<entry><id>x</id></entry>'), BASE)).format).toBe('atom');
  });
});

describe('parseFeed: well-formed feeds', () => {
  test('a feed with no items returns no entries and no error, also when <rss> has no channel', async () => {
    expect((await parseFeed(rss(''), BASE)).entries).toEqual([]);
    expect((await parseFeed('<rss>\n</rss>', BASE)).entries).toEqual([]);
    expect((await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"/>', BASE)).entries).toEqual([]);
  });

  test('RSS fields become plain strings: guid with attributes, two guids, categories with domain', async () => {
    const feed = await parseFeed(
      rss(`<item><title>T</title><guid isPermaLink="false">id-1</guid><guid>id-2</guid>
        <category domain="https://nyt.example/des">Water Pollution</category><category>Brooklyn</category><category>Brooklyn</category>
        <description>&lt;p&gt;Body&lt;/p&gt;</description><content:encoded><![CDATA[<p>Full</p>]]></content:encoded>
        <dc:creator>Jane Doe</dc:creator></item>`),
      BASE,
    );
    expect(feed.entries[0]).toEqual({
      guid: 'id-1',
      link: undefined,
      title: 'T',
      summary: '<p>Body</p>',
      content: '<p>Full</p>',
      published: undefined,
      author: 'Jane Doe',
      categories: ['Water Pollution', 'Brooklyn'],
    });
  });

  test('a permalink guid is the link when there is none; an isPermaLink="false" one is not', async () => {
    const feed = await parseFeed(
      rss('<item><guid>https://site.example/a</guid></item><item><guid isPermaLink="false">https://site.example/b</guid></item>'),
      BASE,
    );
    expect(feed.entries.map((entry) => entry.link)).toEqual(['https://site.example/a', undefined]);
  });

  test('relative RSS links resolve against the channel link, then the feed URL', async () => {
    const feed = await parseFeed(rss('<item><link>/news/1</link></item><item><link> news/2 </link></item>'), BASE);
    expect(feed.link).toBe('https://site.example/');
    expect(feed.entries.map((entry) => entry.link)).toEqual(['https://site.example/news/1', 'https://site.example/news/2']);
    const withoutHome = await parseFeed('<rss version="2.0"><channel><item><link>/news/3</link></item></channel></rss>', BASE);
    expect(withoutHome.entries[0]?.link).toBe('https://feeds.example/news/3');
  });

  test('links that are not http(s) are dropped', async () => {
    const feed = await parseFeed(rss('<item><title>x</title><link>javascript:alert(1)</link></item>'), BASE);
    expect(feed.entries[0]?.link).toBeUndefined();
  });

  test('RSS ttl gives ttlMinutes; a bad ttl gives none', async () => {
    expect((await parseFeed(rss('', '<ttl>30</ttl>'), BASE)).ttlMinutes).toBe(30);
    expect((await parseFeed(rss('', '<ttl>soon</ttl>'), BASE)).ttlMinutes).toBeUndefined();
  });

  test('a bad date is unknown and never rejects the feed (RSS and Atom)', async () => {
    const rssFeed = await parseFeed(rss('<item><title>a</title><pubDate>not a date</pubDate></item>'), BASE);
    expect(rssFeed.entries[0]).toMatchObject({ title: 'a', published: undefined });
    const atomFeed = await parseFeed(atom('<entry><id>1</id><title>b</title><published>garbage</published><updated>2020-02-30T00:00:00Z</updated></entry>'), BASE);
    expect(atomFeed.entries[0]).toMatchObject({ title: 'b', published: undefined });
  });

  test('Atom: rel="alternate" is preferred, self/replies are not the story, xml:base applies', async () => {
    const feed = await parseFeed(
      atom(
        `<entry xml:base="/blog/2024/"><id>1</id><link rel="replies" href="1.atom"/><link rel="self" href="/self"/><link href="post.html" type="text/html"/></entry>
         <entry><id>2</id><link rel="enclosure" href="/a.mp3"/></entry>
         <entry><id>3</id><link>https://plain.example/text-link</link></entry>`,
        '<link rel="self" href="https://atom.example/feed.xml"/><link href="/"/>',
      ),
      BASE,
    );
    expect(feed.link).toBe('https://atom.example/');
    expect(feed.entries.map((entry) => entry.link)).toEqual([
      'https://atom.example/blog/2024/post.html',
      'https://atom.example/a.mp3',
      'https://plain.example/text-link',
    ]);
  });

  test('Atom: xhtml and html titles and content come out as strings; summary, author and categories too', async () => {
    const feed = await parseFeed(
      atom(`<entry><id>1</id><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Deal <b>signed</b> today</div></title>
        <summary type="html">&lt;p&gt;Sum&lt;/p&gt;</summary><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two</p></div></content>
        <author><name>Ann</name><email>ann@x.example</email></author><category term="streaming" label="Streaming"/><category term="deals"/>
        <published>2024-05-01T10:00:00+02:00</published></entry>`),
      BASE,
    );
    const entry = feed.entries[0];
    expect(entry?.title).toMatch(/^<div[^>]*>Deal <b>signed<\/b> today<\/div>$/);
    expect(entry).toMatchObject({ summary: '<p>Sum</p>', author: 'Ann', categories: ['Streaming', 'deals'], published: '2024-05-01T08:00:00.000Z' });
    expect(entry?.content).toContain('<p>One</p><p>Two</p>');
  });

  test('Atom: media:group description is the summary when there is no other', async () => {
    const feed = await parseFeed(atom('<entry><id>yt:1</id><media:group><media:description>Video text</media:description></media:group></entry>'), BASE);
    expect(feed.entries[0]?.summary).toBe('Video text');
  });
});

describe('parseFeed: malformed XML is repaired, or rejected when nothing survives', () => {
  test('one unescaped & does not lose the feed', async () => {
    const feed = await parseFeed(rss('<item><title>A & B</title><link>https://x.example/?a=1&b=2</link></item><item><title>C</title></item>'), BASE);
    expect(feed.entries.map((entry) => [entry.title, entry.link])).toEqual([
      ['A & B', 'https://x.example/?a=1&b=2'],
      ['C', undefined],
    ]);
  });

  test('a feed cut off after some items keeps them', async () => {
    const feed = await parseFeed(rss('<item><title>one</title></item><item><title>two</title></item>').slice(0, -30), BASE);
    expect(feed.entries.map((entry) => entry.title)).toEqual(['one', 'two']);
  });

  test('a feed cut off before any usable item is a FeedParseError', async () => {
    const error = await parseFeed('<?xml version="1.0"?><rss version="2.0"><channel><title>Reuters</title><!-- Exception', BASE).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedParseError);
    expect((error as Error).message).toMatch(/malformed XML \(Unclosed root tag at line 1\) and no entry could be recovered/);
  });

  test('what repair cannot fix goes to the non-strict parser, with names restored to their case', async () => {
    // An unknown entity is a fatal error for strict sax and is kept as text by the lenient one.
    const feed = await parseFeed(
      '<RSS version="2.0"><channel><item><title>Fish &chips; Co</title><pubDate>Wed, 31 Jan 2018 07:26:05 GMT</pubDate><guid isPermaLink="false">g-1</guid></item></channel></RSS>',
      BASE,
    );
    expect(feed.entries[0]).toMatchObject({ title: 'Fish &chips; Co', guid: 'g-1', link: undefined, published: '2018-01-31T07:26:05.000Z' });
  });

  test('raw HTML in a description keeps its order', async () => {
    const feed = await parseFeed(rss('<item><title>r</title><description>submitted by <a href="/u/me">me</a> to <a href="/r/x">x</a><br>[link]</description></item>'), BASE);
    expect(feed.entries[0]?.summary).toBe('submitted by <a href="/u/me">me</a> to <a href="/r/x">x</a><br>[link]');
  });
});

describe('parseFeed: hostile documents get an answer, not a hang or a crash', () => {
  test.each([
    ['deep nesting', `<rss><channel><item><title>t</title><category>${'<x>'.repeat(50_000)}`, 1],
    ['unclosed descriptions', `<rss><channel><item><title>t</title>${'<description>a<b>'.repeat(20_000)}`, 1],
    ['unclosed quotes and tags', `<rss><channel><item><title>t</title></item>${"<a x='".repeat(20_000)}`, 1],
    ['stray end tags', `<rss><channel><item><title>t</title></item>${'</nothing>'.repeat(50_000)}</channel></rss>`, 1],
    ['nothing but open tags', `<rss>${'<x>'.repeat(50_000)}`, FeedParseError],
  ])('%s', async (_name, xml, expected) => {
    const outcome = await parseFeed(xml, BASE).then((feed) => feed.entries.length, (error: unknown) => error);
    if (typeof expected === 'number') expect(outcome).toBe(expected);
    else expect(outcome).toBeInstanceOf(expected);
  });
});

describe('parseFeed: JSON Feed', () => {
  test('1.1 with authors, relative urls and a numeric id', async () => {
    const feed = await parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JF',
        home_page_url: 'https://jf.example/blog/',
        items: [
          { id: 42, url: 'posts/1', title: 'One', content_html: '<p>Hi</p>', summary: 'S', date_published: '2024-01-02T03:04:05Z', authors: [{ name: 'A' }], tags: ['x', 'x', 'y', 3] },
          { id: 'https://jf.example/2', content_text: 'Text only', date_modified: 'bad date' },
          'not an item',
        ],
      }),
      BASE,
    );
    expect(feed).toMatchObject({ format: 'json', title: 'JF', link: 'https://jf.example/blog/' });
    expect(feed.entries).toEqual([
      { guid: '42', link: 'https://jf.example/blog/posts/1', title: 'One', summary: 'S', content: '<p>Hi</p>', published: '2024-01-02T03:04:05.000Z', author: 'A', categories: ['x', 'y', '3'] },
      { guid: 'https://jf.example/2', link: 'https://jf.example/2', title: undefined, summary: undefined, content: 'Text only', published: undefined, author: undefined, categories: [] },
    ]);
  });

  test('1.0 with author and a version but no items', async () => {
    const withAuthor = await parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1', items: [{ id: '1', author: { name: 'B' } }] }), BASE);
    expect(withAuthor.entries[0]?.author).toBe('B');
    expect((await parseFeed('{"version": "https://jsonfeed.org/version/1"}', BASE)).entries).toEqual([]);
  });
});
