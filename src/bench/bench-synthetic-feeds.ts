/**
 * Synthetic music-industry feeds for the ingest and poll benchmarks, generated in memory: RSS 2.0
 * (four feeds in five) and Atom, each item with a guid, a link (some with tracking parameters), a
 * date, categories and an HTML summary with links, emphasis, entities and an image; some RSS items
 * also carry content:encoded. About a third of the headlines report a deal between known parties.
 *
 * A feed has revisions: revision r holds items r·newPerRevision … r·newPerRevision + items − 1 of its
 * endless sequence, newest first, so moving a feed to the next revision adds `newPerRevision` new
 * items at the top and drops as many at the bottom, as a real feed does. Item n's text and date
 * depend only on (feed, n), so an item looks the same in every revision.
 *
 * Deals are between the first `parties` names of PARTIES (18 by default). A set of many more feeds
 * that still named only those 18 would have every feed report the same 150-odd deals within the same
 * 40 hours (stories of hundreds of sources, deals of hundreds of reports); partiesForFeeds() keeps
 * the reports per pair of parties what they are in the 500-feed set instead.
 */
import { createSeededRandom } from '../shared/seeded-random';
export interface SyntheticFeedOptions {
  feeds: number;
  itemsPerFeed: number;
  /** Items added by each revision (default 5). */
  newPerRevision?: number;
  /** Item 0 of every feed is published at this time; item n `spacingMs` × n later. */
  origin: Date;
  spacingMs?: number;
  /** How many of PARTIES the deals are between (default and at least 18, at most PARTIES.length). */
  parties?: number;
}

export interface SyntheticFeed {
  index: number;
  path: string;
  name: string;
  format: 'rss' | 'atom';
  contentType: string;
}

const PARTIES = [
  'Spotify', 'Netflix', 'TikTok', 'Universal Music Group', 'Sony Music', 'Warner Music Group', 'YouTube', 'Apple Music', 'Live Nation', 'Ticketmaster', 'Deezer', 'SiriusXM',
  'iHeartMedia', 'Amazon Music', 'Tencent Music', 'SoundCloud', 'Roblox', 'Twitch',
  // More companies for larger sets (each recognised in a deal headline with any other of the list).
  'Pandora', 'Tidal', 'Napster', 'Audiomack', 'Anghami', 'Boomplay', 'JioSaavn', 'Qobuz', 'Vevo', 'Hulu', 'Roku', 'BMG', 'HYBE', 'Kobalt', 'Downtown Music', 'Hipgnosis',
  'Primary Wave', 'Reservoir Media', 'DistroKid', 'UnitedMasters', 'CD Baby', 'AWAL', 'Peermusic', 'Mixcloud', 'Beatport', 'Bilibili', 'NetEase Cloud Music', 'Dailymotion',
  'Vimeo', 'SM Entertainment', 'YG Entertainment', 'JYP Entertainment', 'Kakao Entertainment', 'T-Series', 'Saregama', 'AEG Presents', 'Eventbrite', 'SeatGeek', 'StubHub',
  'Verizon', 'Epic Games',
];
const BASE_PARTIES = 18;
const BASE_FEEDS = 500;

/** Parties for a set of `feeds` feeds with as many deal reports per pair as the 500-feed set (18 parties). */
export function partiesForFeeds(feeds: number): number {
  return Math.min(PARTIES.length, Math.max(BASE_PARTIES, Math.round(BASE_PARTIES * Math.sqrt(feeds / BASE_FEEDS))));
}
const DEAL_VERBS = ['strikes licensing deal with', 'in talks with', 'partners with', 'signs multi-year agreement with', 'expands partnership with', 'reportedly nears deal with', 'ends agreement with', 'launches bundle with'];
const SUBJECTS = ['award shows', 'live concert streams', 'catalogue licensing', 'a podcast slate', 'music videos', 'ticket presales', 'a subscription bundle', 'in-app integration', 'short-form video rights'];
const OTHER_HEADLINES = [
  '{A} reports record subscriber growth in third quarter',
  'Chart watch: the week’s biggest debuts on the Billboard 200',
  '{A} raises prices for its family plan in Europe',
  'Festival season: promoters brace for another record summer',
  'Indie labels call for fairer streaming royalties',
  '{A} names new head of artist relations',
  'Vinyl sales climb for the 18th straight year',
  '{A} faces lawsuit over unpaid mechanical royalties',
  'How AI tools are changing the way producers work',
  'Songwriters & publishers meet lawmakers over “fair pay” bill',
];
const SENTENCES = [
  'The agreement covers recorded music and publishing in more than 40 markets.',
  'Artists will be able to reach fans directly through new features.',
  'Neither company disclosed the financial terms of the arrangement.',
  'Industry analysts say the move reflects a wider shift toward video.',
  'The company told investors it expects more partnerships later this year.',
  'Independent musicians have long asked for better discovery tools.',
  'A spokesperson declined to comment on the talks.',
  'The rollout begins in the US and the UK, with more countries to follow.',
];
const TAGS = ['Streaming', 'Labels', 'Live', 'Deals', 'Publishing', 'Tech', 'Charts', 'Business'];

/** The feeds of a synthetic set (paths and formats), without their bodies. */
export function listSyntheticFeeds(count: number): SyntheticFeed[] {
  return Array.from({ length: count }, (_, index) => {
    const format = index % 5 === 4 ? 'atom' : 'rss';
    return {
      index,
      path: `/feeds/${index}.${format === 'atom' ? 'atom' : 'xml'}`,
      name: `Music Wire ${index}`,
      format,
      contentType: format === 'atom' ? 'application/atom+xml; charset=utf-8' : 'application/rss+xml; charset=utf-8',
    };
  });
}

/** The body of one feed at one revision, as the server would send it. */
export function renderSyntheticFeed(feed: SyntheticFeed, revision: number, options: SyntheticFeedOptions): string {
  const perRevision = options.newPerRevision ?? 5;
  const first = revision * perRevision;
  const numbers = Array.from({ length: options.itemsPerFeed }, (_, i) => first + options.itemsPerFeed - 1 - i);
  const items = numbers.map((n) => describeItem(feed.index, n, options));
  return feed.format === 'atom' ? renderAtom(feed, items) : renderRss(feed, items);
}

/** Every feed of a set at revision 0, as bytes (what the ingest benchmark reads). */
export function generateSyntheticFeeds(options: SyntheticFeedOptions): { feed: SyntheticFeed; body: Buffer }[] {
  return listSyntheticFeeds(options.feeds).map((feed) => ({ feed, body: Buffer.from(renderSyntheticFeed(feed, 0, options), 'utf8') }));
}

interface ItemText {
  id: string;
  link: string;
  title: string;
  html: string;
  published: Date;
  categories: string[];
  author: string;
  withContent: boolean;
}

function describeItem(feedIndex: number, n: number, options: SyntheticFeedOptions): ItemText {
  const random = createSeededRandom(feedIndex * 1_000_003 + n * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const parties = PARTIES.slice(0, Math.min(PARTIES.length, Math.max(BASE_PARTIES, options.parties ?? BASE_PARTIES)));
  const a = pick(parties);
  let b = pick(parties);
  if (b === a) b = parties[(parties.indexOf(a) + 1) % parties.length] as string;
  const deal = random() < 0.35;
  const subject = pick(SUBJECTS);
  const title = deal ? `${a} ${pick(DEAL_VERBS)} ${b} on ${subject}` : pick(OTHER_HEADLINES).replace('{A}', a);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
  const tracking = random() < 0.3 ? `?utm_source=rss&utm_medium=feed&utm_campaign=${feedIndex}` : '';
  const link = `https://wire${feedIndex}.example/news/${n}-${slug}${tracking}`;
  const body = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(SENTENCES));
  const html = [
    `<p><strong>${escapeXml(a)}</strong> and <a href="https://wire${feedIndex}.example/tag/${encodeURIComponent(b)}">${escapeXml(b)}</a> — ${escapeXml(body[0] ?? '')}</p>`,
    `<p>${body.slice(1).map(escapeXml).join(' ')} It&#8217;s the latest move in ${escapeXml(subject)}&nbsp;&amp; beyond.</p>`,
    `<img src="https://wire${feedIndex}.example/img/${n}.jpg" alt="" width="640" height="360" />`,
    '<p><em>Read more on Music Wire.</em></p>',
  ].join('\n');
  return {
    id: `urn:music-wire:${feedIndex}:${n}`,
    link,
    title,
    html,
    published: new Date(options.origin.getTime() + n * (options.spacingMs ?? 20 * 60_000)),
    categories: [pick(TAGS), pick(TAGS)],
    author: `Reporter ${1 + Math.floor(random() * 40)}`,
    withContent: random() < 0.25,
  };
}

function renderRss(feed: SyntheticFeed, items: ItemText[]): string {
  const entries = items.map((item) =>
    [
      '    <item>',
      `      <title>${escapeXml(item.title)}</title>`,
      `      <link>${escapeXml(item.link)}</link>`,
      `      <guid isPermaLink="false">${item.id}</guid>`,
      `      <pubDate>${item.published.toUTCString()}</pubDate>`,
      `      <dc:creator>${item.author}</dc:creator>`,
      ...item.categories.map((c) => `      <category>${c}</category>`),
      `      <description><![CDATA[${item.html}]]></description>`,
      ...(item.withContent ? [`      <content:encoded><![CDATA[${item.html}\n<p>${SENTENCES.join(' ')}</p>]]></content:encoded>`] : []),
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '  <channel>',
    `    <title>${feed.name}</title>`,
    `    <link>https://wire${feed.index}.example/</link>`,
    '    <description>Music business news</description>',
    '    <language>en-us</language>',
    ...entries,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

function renderAtom(feed: SyntheticFeed, items: ItemText[]): string {
  const updated = items[0]?.published.toISOString() ?? new Date(0).toISOString();
  const entries = items.map((item) =>
    [
      '  <entry>',
      `    <title>${escapeXml(item.title)}</title>`,
      `    <link rel="alternate" href="${escapeXml(item.link)}"/>`,
      `    <id>${item.id}</id>`,
      `    <published>${item.published.toISOString()}</published>`,
      `    <updated>${item.published.toISOString()}</updated>`,
      `    <author><name>${item.author}</name></author>`,
      ...item.categories.map((c) => `    <category term="${c}"/>`),
      `    <summary type="html">${escapeXml(item.html)}</summary>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${feed.name}</title>`,
    `  <link href="https://wire${feed.index}.example/"/>`,
    `  <id>urn:music-wire:${feed.index}</id>`,
    `  <updated>${updated}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

