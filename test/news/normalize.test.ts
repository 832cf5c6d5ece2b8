import type { FeedSource, ParsedEntry } from '../../src/feeds/types';
import { dedupeItems, normalizeEntry, SUMMARY_MAX_LENGTH } from '../../src/news/normalize';

const feed: FeedSource = { url: 'https://news.example/feed.xml', name: 'News Example' };
const seen = new Date('2026-02-03T04:05:06Z');
const entry = (fields: Partial<ParsedEntry>): ParsedEntry => ({ categories: [], ...fields });

describe('normalizeEntry', () => {
  test('keeps every text exactly as cleaned, a lone surrogate included (items copy their text out of the feed body)', () => {
    const title = 'Netflix and Spotify talk \ud83c of award shows';
    const item = normalizeEntry(entry({ guid: 'urn:news.example:long-guid-1', title, summary: 'Talks \ud83c\udfb5 are on, people familiar said.' }), feed, seen);
    expect(item?.title).toBe(title);
    expect(item?.summary).toBe('Talks \ud83c\udfb5 are on, people familiar said.');
    expect(item?.key).toBe('urn:news.example:long-guid-1');
  });

  test('builds a clean item: canonical link, cleaned title and summary, plain categories', () => {
    const item = normalizeEntry(
      entry({
        guid: ' tag:news.example,2026:1 ',
        link: 'HTTPS://News.Example/deal?utm_source=rss&id=4#top',
        title: 'Netflix &amp; Spotify <em>talk</em>',
        summary: '<p>Talks are on.</p><p>The post Netflix and Spotify talk appeared first on News Example.</p>',
        content: '<p>Longer body</p>',
        published: '2026-02-01T10:00:00.000Z',
        author: 'Jane &lt;Doe&gt;',
        categories: ['Deals', ' deals ', '<b>Streaming</b>', ''],
      }),
      feed,
      seen,
    );
    expect(item).toEqual({
      key: 'tag:news.example,2026:1',
      feedUrl: feed.url,
      feedName: feed.name,
      link: 'https://news.example/deal?id=4',
      title: 'Netflix & Spotify talk',
      summary: 'Talks are on.',
      published: '2026-02-01T10:00:00.000Z',
      categories: ['Deals', 'deals', 'Streaming'],
      author: 'Jane <Doe>',
      firstSeen: '2026-02-03T04:05:06.000Z',
    });
  });

  test('the summary falls back to the content when the description is empty or only boilerplate', () => {
    expect(normalizeEntry(entry({ guid: '1', summary: '<p>Read more</p>', content: '<p>The body.</p>' }), feed, seen)?.summary).toBe('The body.');
  });

  test('the summary is capped at a word boundary', () => {
    const long = 'word '.repeat(1000);
    const summary = normalizeEntry(entry({ guid: '1', summary: long }), feed, seen)?.summary ?? '';
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_LENGTH);
    expect(summary.endsWith('word…')).toBe(true);
  });

  test('an untitled item is titled with the opening words of its summary', () => {
    const item = normalizeEntry(entry({ summary: 'Universal Music Group licenses its catalogue to TikTok for three more years, sources say.' }), feed, seen);
    expect(item?.title).toBe('Universal Music Group licenses its catalogue to TikTok for three more years…');
    expect(item?.key).toMatch(/^sha256:/);
  });

  test('keys on the canonical link when there is no guid, so tracking parameters do not make a new item', () => {
    const a = normalizeEntry(entry({ link: 'https://news.example/a?utm_campaign=x', title: 'A' }), feed, seen);
    const b = normalizeEntry(entry({ link: 'https://news.example/a?fbclid=y', title: 'A, updated' }), feed, seen);
    expect(a?.key).toBe('https://news.example/a');
    expect(b?.key).toBe(a?.key);
  });

  test('an entry with no guid, no link, no title and no text is skipped', () => {
    expect(normalizeEntry(entry({ summary: '<p> </p>', author: 'x', published: '2026-01-01T00:00:00.000Z' }), feed, seen)).toBeUndefined();
    expect(normalizeEntry(entry({ link: 'javascript:void(0)' }), feed, seen)).toBeUndefined();
  });

  test('marks an item of a default feed, so every server keeps seeing what it reports', () => {
    expect(normalizeEntry(entry({ guid: '1' }), { ...feed, isDefault: true }, seen)?.fromDefaultFeed).toBe(true);
    expect(normalizeEntry(entry({ guid: '1' }), feed, seen)).not.toHaveProperty('fromDefaultFeed');
  });
});

describe('dedupeItems', () => {
  test('keeps the first item of each key, in order', () => {
    const items = [
      { key: 'a', n: 1 },
      { key: 'b', n: 2 },
      { key: 'a', n: 3 },
      { key: 'c', n: 4 },
      { key: 'b', n: 5 },
    ];
    expect(dedupeItems(items).map((item) => item.n)).toEqual([1, 2, 4]);
  });
});
