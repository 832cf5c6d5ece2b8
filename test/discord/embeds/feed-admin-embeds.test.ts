import { describeItemsSeen, renderFeedAdded, renderFeedRemoved } from '../../../src/discord/embeds/feed-admin-replies';
import { describeHealth, renderFeedList } from '../../../src/discord/embeds/feed-list-embed';
import { describeSample, renderFeedTest } from '../../../src/discord/embeds/feed-test-embed';
import { initialFeedState } from '../../../src/feeds/poll/feed-health';
import type { FeedState } from '../../../src/feeds/poll/feed-health';
import type { Classification } from '../../../src/deals/types';
import type { NewsItem } from '../../../src/news/item';
import { HOSTILE, PINGS, replyProblems, replyText } from '../../support/reply-check';

const URL = 'https://feeds.example/music.xml';
const state = (overrides: Partial<FeedState>): FeedState => ({ ...initialFeedState(URL), ...overrides });

describe('/feeds list reply', () => {
  test('health: ok, failing, disabled, never polled', () => {
    expect(describeHealth(state({ lastSuccessAt: '2026-11-20T08:00:00Z', lastItemCount: 12, nextPollAt: '2026-11-20T08:10:00Z' }))).toBe(
      '✅ last success <t:1795161600:R> · 12 items · next poll <t:1795162200:R>',
    );
    expect(describeHealth(state({ consecutiveFailures: 3, lastError: { code: 'http_status', message: 'HTTP 500 from x' }, lastSuccessAt: '2026-11-20T08:00:00Z', nextPollAt: '2026-11-20T09:00:00Z' }))).toBe(
      '⚠️ 3 failures in a row (last: HTTP 500 from x) · last success <t:1795161600:R> · next poll <t:1795165200:R>',
    );
    expect(describeHealth(state({ disabled: true, disabledReason: 'the feed at x is gone (HTTP 410)', nextPollAt: '2026-11-24T00:00:00.000Z' }))).toBe(
      '⛔ Disabled: the feed at x is gone (HTTP 410). Tried again <t:1795478400:R>; it comes back by itself once it answers.',
    );
    expect(describeHealth(state({}))).toBe('⏳ not polled yet · next poll on the next cycle');
    expect(describeHealth(state({
      disabled: true, consecutiveFailures: 1, disabledReason: 'x',
      lastError: { code: 'blocked_address', message: 'http://10.0.0.1/feed.xml was not fetched: 10.0.0.1 is a private-network address, and this bot does not fetch feeds from private or local addresses' },
    }))).toBe(
      "⛔ Off: http://10.0.0.1/feed.xml was not fetched: 10.0.0.1 is a private-network address, and this bot does not fetch feeds from private or local addresses. It stays off while the bot's operator does not allow private addresses (it is not tried again until then).",
    );
  });

  test('this server\'s feeds and the defaults, each section marked, on one page when they fit', () => {
    const body = renderFeedList({ serverFeeds: [{ feed: { url: URL, name: 'Mine' }, state: state({}) }], defaultFeeds: [{ feed: { url: 'https://d.example/f', name: 'Default One' }, state: state({}) }], maxServerFeeds: 25, page: 0 });
    expect(body.embeds[0]?.description).toBe(
      "**This server's feeds (1/25)**\n" + `**[Mine](${URL})**\n⏳ not polled yet · next poll on the next cycle\n\n` +
        "**Default feeds (1, chosen by the bot's operator)**\n**[Default One](https://d.example/f)**\n⏳ not polled yet · next poll on the next cycle",
    );
    expect(body.embeds[0]?.footer?.text).toMatch(/^Page 1 of 1 · 2 feeds · /);
    expect(body.components).toEqual([]);
    expect(replyProblems(body)).toEqual([]);
    expect(renderFeedList({ serverFeeds: [], defaultFeeds: [], maxServerFeeds: 25, page: 0 }).embeds[0]?.description).toContain('None yet');
  });

  test('pages through every feed with buttons: nothing is left out as "…and N more"', () => {
    const row = (name: string) => ({ feed: { url: `https://f.example/${name}`, name }, state: state({}) });
    const list = { serverFeeds: ['s1', 's2', 's3'].map(row), defaultFeeds: Array.from({ length: 20 }, (_, i) => row(`d${i + 1}`)), maxServerFeeds: 25 };
    const names = (page: number) => [...(renderFeedList({ ...list, page }).embeds[0]?.description ?? '').matchAll(/\*\*\[([^\]]+)\]/g)].map((m) => m[1]);
    expect([0, 1, 2].flatMap(names)).toEqual([...['s1', 's2', 's3'], ...Array.from({ length: 20 }, (_, i) => `d${i + 1}`)]);
    const second = renderFeedList({ ...list, page: 1 });
    expect(second.embeds[0]?.description).toMatch(/^\*\*Default feeds \(20, chosen by the bot's operator\)\*\*\n/);
    expect(second.embeds[0]?.footer?.text).toMatch(/^Page 2 of 3 · 23 feeds/);
    const buttons = second.components?.[0]?.components.map((c) => ('custom_id' in c ? [c.custom_id, c.disabled] : []));
    expect(buttons).toEqual([['feeds:list:0', false], ['feeds:list:2', false]]);
    expect(renderFeedList({ ...list, page: 99 }).embeds[0]?.footer?.text).toMatch(/^Page 3 of 3/);
  });

  test('25 hostile feeds and 200 defaults with long errors stay within limits, counted, pinging nobody', () => {
    const row = (i: number) => ({
      feed: { url: `${URL}?n=${i}&${'q'.repeat(300)}`, name: `${HOSTILE} ${i}` },
      state: state({ consecutiveFailures: 2, lastError: { code: 'network', message: `${HOSTILE} ${'e'.repeat(900)}` } }),
    });
    for (const page of [0, 2, 22]) {
      const body = renderFeedList({ serverFeeds: Array.from({ length: 25 }, (_, i) => row(i)), defaultFeeds: Array.from({ length: 200 }, (_, i) => row(i)), maxServerFeeds: 25, page });
      expect(replyProblems(body)).toEqual([]);
      expect(replyText(body)).not.toMatch(PINGS);
    }
  });
});

describe('/feeds test reply', () => {
  const item = (title: string): NewsItem => ({ key: title, feedUrl: URL, feedName: 'Music', title, summary: '', link: 'https://feeds.example/a', published: '2026-11-20T08:00:00Z', categories: [], firstSeen: '2026-11-20T08:00:00Z' });
  const deal: Classification = {
    isPartnership: true, confidence: 0.83, parties: ['TikTok', 'Universal Music Group'], status: 'announced', kinds: ['licensing'], unconfirmed: false, evidence: [],
    explanation: 'Deal between TikTok and Universal Music Group (announced): "signs licensing deal" in the headline links them.',
  };
  const none: Classification = { isPartnership: false, confidence: 0.12, parties: [], status: null, kinds: [], unconfirmed: false, evidence: [], explanation: 'No two companies are linked by a deal phrase.' };

  test('each item with its verdict and why; the promise that nothing was posted', () => {
    const body = renderFeedTest({ feed: { url: URL, name: 'Music' }, format: 'atom', title: 'Music News', itemCount: 40, samples: [{ item: item('TikTok signs'), classification: deal }, { item: item('Concert review'), classification: none }] });
    const [embed] = body.embeds;
    expect(embed?.description).toContain('40 items, Atom');
    expect(embed?.description).toContain('**Nothing was posted.**');
    expect(embed?.fields?.[0]).toEqual({
      name: 'TikTok signs',
      value: '🤝 **Deal** · TikTok × Universal Music Group · 📣 Announced · Licensing · confidence 83%\n*Why:* Deal between TikTok and Universal Music Group (announced): "signs licensing deal" in the headline links them.\npublished <t:1795161600:R> · [open](https://feeds.example/a)',
    });
    expect(embed?.fields?.[1]?.value).toMatch(/^➖ Not a deal · confidence 12%\n\*Why:\* No two companies/);
    expect(replyProblems(body)).toEqual([]);
  });

  test('hostile, overlong items stay within limits and ping nobody', () => {
    const long = { ...item(`${HOSTILE} ${'t'.repeat(900)}`), link: `https://x.example/${'l'.repeat(990)}` };
    const sample = { item: long, classification: { ...deal, parties: [HOSTILE, HOSTILE], explanation: `${HOSTILE} ${'why '.repeat(500)}` } };
    expect(describeSample(sample).length).toBeLessThanOrEqual(1024);
    const body = renderFeedTest({ feed: { url: URL, name: HOSTILE }, format: 'rss', title: HOSTILE, itemCount: 5, samples: Array.from({ length: 5 }, () => sample) });
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(PINGS);
  });
});

describe('/feeds add and remove replies', () => {
  test('added: title, item count, nothing posted; a redirect is mentioned', () => {
    const body = renderFeedAdded({ feed: { url: URL, name: 'Music' }, created: true, format: 'rss', title: 'Music News', itemCount: 12, finalUrl: 'https://feeds.example/new.xml' });
    const description = body.embeds[0]?.description ?? '';
    expect(description).toContain(`✅ Added **[Music](${URL})**.`);
    expect(description).toContain('It has 12 items right now; they were recorded as seen, so nothing was posted.');
    expect(describeItemsSeen(1)).toBe('It has 1 item right now; it was recorded as seen, so nothing was posted.');
    expect(describeItemsSeen(0)).toBe('It has no items right now.');
    expect(description).toContain('redirects to https://feeds.example/new.xml');
    expect(replyProblems(body)).toEqual([]);
  });

  test('hostile names ping nobody', () => {
    const added = renderFeedAdded({ feed: { url: URL, name: HOSTILE }, created: false, format: 'json', title: HOSTILE, itemCount: 1, finalUrl: URL });
    const removed = renderFeedRemoved({ url: URL, name: HOSTILE });
    expect(replyText(added)).not.toMatch(PINGS);
    expect(replyText(removed)).not.toMatch(PINGS);
    expect(replyText(added)).toContain('Already followed');
  });
});
