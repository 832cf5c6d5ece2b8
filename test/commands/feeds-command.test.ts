/** /feeds end to end: the real discord.js client against the emulator, real stores, a local feed server. */
import { NEEDS_MANAGE_SERVER } from '../../src/discord/router';
import { buildRss } from '../support/rss';
import { isEphemeral, replyText as text, useAdminWorld } from '../support/admin-world';
import type { BotHarness } from '../support/bot-harness';
import type { GuildRef } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';

const world = useAdminWorld();
const run = world.run;
let bot: BotHarness, feeds: FeedServer, a: GuildRef, b: GuildRef;
beforeEach(() => ({ bot, feeds, a, b } = world.current()));

describe('/feeds', () => {
  const rss = buildRss([
    { guid: '1', title: 'Netflix and Spotify in talks over award shows', link: 'https://news.example/1', description: 'Talks are under way.', published: 2 },
    { guid: '2', title: 'A label @everyone signs a new act', link: 'https://news.example/2', description: 'Nothing about platforms.', published: 5 },
  ], { title: 'Label Watch' });

  test('add fetches once, stores, seeds without posting; list, autocomplete and remove see it in its own server only', async () => {
    feeds.route('/feed.xml', { body: rss, contentType: 'application/rss+xml' });
    const url = feeds.url('/feed.xml');
    const handle = run(a, 'admin', 'feeds', { url }, 'add');
    expect((await handle.response()).type).toBe(5); // deferred first
    const reply = await handle.reply();
    expect(isEphemeral(reply.flags)).toBe(true);
    expect(text(reply)).toContain('Label Watch');
    expect(text(reply)).toContain('2 items right now');
    expect(feeds.requestsTo('/feed.xml')).toHaveLength(1);
    expect(await bot.guildFeeds.list(a.id)).toMatchObject([{ url, name: 'Label Watch', addedBy: a.member('admin').id }]);
    expect(await bot.guildFeeds.list(b.id)).toEqual([]);
    expect((await bot.stores.feedStates.get(url)).seeded).toBe(true);
    expect(bot.emulator.messages(a.channel('news').id)).toEqual([]);
    // Its back catalogue waits for the next cycle to track its deals (never to post them), named by host.
    const pending = (await bot.stores.items.listPending()).filter((item) => item.feedUrl === url);
    expect(pending.map((item) => [item.title, item.backlog, item.feedName]).sort()).toEqual([
      ['A label @everyone signs a new act', true, '127.0.0.1'],
      ['Netflix and Spotify in talks over award shows', true, '127.0.0.1'],
    ]);

    const listA = text(await run(a, 'admin', 'feeds', {}, 'list').reply());
    expect(listA).toContain("This server's feeds (1/25)");
    expect(listA).toContain('Label Watch');
    expect(listA).toContain('last success');
    expect(listA).toContain('Default Wire');
    const listB = text(await run(b, 'admin', 'feeds', {}, 'list').reply());
    expect(listB).toContain("This server's feeds (0/25)");
    expect(listB).not.toContain('Label Watch');

    const choicesA = await bot.emulator.sendAutocomplete({ guildId: a.id, userId: a.member('admin').id, name: 'feeds', subcommand: 'remove', options: { feed: 'label' }, focused: 'feed' }).choices();
    expect(choicesA).toEqual([{ name: `Label Watch — 127.0.0.1:${feeds.port}`, value: url }]);
    const choicesB = await bot.emulator.sendAutocomplete({ guildId: b.id, userId: b.member('admin').id, name: 'feeds', subcommand: 'remove', options: { feed: '' }, focused: 'feed' }).choices();
    expect(choicesB).toEqual([]);
    const testChoicesB = await bot.emulator.sendAutocomplete({ guildId: b.id, userId: b.member('admin').id, name: 'feeds', subcommand: 'test', options: { feed: '' }, focused: 'feed' }).choices();
    expect(testChoicesB.map((c) => c.value)).toEqual(['https://default.example/feed.xml']);

    const notThere = await run(b, 'admin', 'feeds', { feed: url }, 'remove').reply();
    expect(notThere.content).toContain('This server follows no feed matching');
    expect(await bot.guildFeeds.list(a.id)).toHaveLength(1);
    const removed = await run(a, 'admin', 'feeds', { feed: url }, 'remove').reply();
    expect(text(removed)).toContain('Removed');
    expect(await bot.guildFeeds.list(a.id)).toEqual([]);
    bot.emulator.assertNoViolations();
  });

  test('add with a name keeps that name; adding it again without one keeps it too', async () => {
    feeds.route('/feed.xml', { body: rss, contentType: 'application/rss+xml' });
    await run(a, 'admin', 'feeds', { url: feeds.url('/feed.xml'), name: 'My @everyone feed' }, 'add').reply();
    expect((await bot.guildFeeds.list(a.id))[0]?.name).toBe('My @everyone feed');
    const again = await run(a, 'admin', 'feeds', { url: feeds.url('/feed.xml') }, 'add').reply();
    expect(text(again)).toContain('Already followed, as **[My @\u200beveryone feed]');
    expect((await bot.guildFeeds.list(a.id))[0]?.name).toBe('My @everyone feed');
    bot.emulator.assertNoViolations();
  });

  test('list pages through every feed with buttons', async () => {
    for (let i = 1; i <= 12; i += 1) await bot.guildFeeds.add(a.id, { name: `Feed ${i}`, url: feeds.url(`/f${i}.xml`), addedAt: '2026-01-01T00:00:00Z', addedBy: 'x' });
    const first = await run(a, 'admin', 'feeds', {}, 'list').reply();
    expect(isEphemeral(first.flags)).toBe(true);
    expect(text(first)).toContain("This server's feeds (12/25)");
    expect(JSON.stringify(first.embeds[0])).toMatch(/"Page 1 of 2 · 13 feeds/);
    expect(text(first)).toContain('Feed 10');
    expect(text(first)).not.toContain('Feed 11');
    const click = bot.emulator.sendButton({ guildId: a.id, messageId: first.id, customId: 'feeds:list:1', userId: a.member('admin').id });
    expect((await click.response()).type).toBe(7);
    const second = text(bot.emulator.message(first.id) as typeof first);
    expect(second).toContain('Feed 11');
    expect(second).toContain('Feed 12');
    expect(second).toContain("Default feeds (1, chosen by the bot's operator)");
    expect(second).toContain('Default Wire');
    const member = bot.emulator.sendButton({ guildId: a.id, messageId: first.id, customId: 'feeds:list:0', userId: a.member('member').id });
    expect((await member.reply()).content).toContain(NEEDS_MANAGE_SERVER);
    bot.emulator.assertNoViolations();
  });

  test.each([
    ['not a url', /not a web address/],
    ['ftp://example.com/feed', /Only http:\/\/ and https:\/\//],
  ])('add refuses %s before fetching anything', async (url, message) => {
    const reply = await run(a, 'admin', 'feeds', { url }, 'add').reply();
    expect(reply.content).toMatch(message);
    expect(isEphemeral(reply.flags)).toBe(true);
    expect(feeds.requests).toHaveLength(0);
    bot.emulator.assertNoViolations();
  });

  test('add of a page that is not a feed, or of a private address, says why and stores nothing', async () => {
    feeds.route('/page.html', { body: '<!doctype html><html><body>Hello</body></html>', contentType: 'text/html' });
    const page = await run(a, 'admin', 'feeds', { url: feeds.url('/page.html') }, 'add').reply();
    expect(page.content).toMatch(/That feed could not be read: not a feed/);
    expect(isEphemeral(page.flags)).toBe(true);
    const privateHost = await run(a, 'admin', 'feeds', { url: 'http://10.0.0.1/feed.xml' }, 'add').reply();
    expect(privateHost.content).toBe(
      '⚠️ That feed could not be read: http://10.0.0.1/feed.xml was not fetched: 10.0.0.1 is a private-network address, and this bot does not fetch feeds from private or local addresses',
    );
    expect(await bot.guildFeeds.list(a.id)).toEqual([]);
    bot.emulator.assertNoViolations();
  });

  test('adding a feed twice keeps one; the 26th feed, a default feed and a failing feed are refused clearly', async () => {
    feeds.route('/feed.xml', { body: rss, contentType: 'application/rss+xml' });
    const url = feeds.url('/feed.xml');
    await run(a, 'admin', 'feeds', { url }, 'add').reply();
    const twice = await run(a, 'admin', 'feeds', { url, name: 'Renamed' }, 'add').reply();
    expect(text(twice)).toContain('Already followed, as **[Renamed]');
    expect(await bot.guildFeeds.list(a.id)).toHaveLength(1);

    const asDefault = await run(a, 'admin', 'feeds', { url: 'https://default.example/feed.xml' }, 'add').reply();
    expect(asDefault.content).toContain('already one of the default feeds');

    feeds.route('/broken.xml', { status: 500, body: 'oops' });
    const broken = await run(a, 'admin', 'feeds', { url: feeds.url('/broken.xml') }, 'add').reply();
    expect(broken.content).toMatch(/That feed could not be read: HTTP 500 from/);
    const tested = await run(a, 'admin', 'feeds', { feed: url }, 'test').reply();
    expect(tested.embeds).toHaveLength(1);

    for (let i = 1; i < 25; i += 1) await bot.guildFeeds.add(a.id, { name: `F${i}`, url: feeds.url(`/f${i}.xml`), addedAt: '2026-01-01T00:00:00Z', addedBy: 'x' });
    const before = feeds.requests.length;
    const full = await run(a, 'admin', 'feeds', { url: feeds.url('/one-more.xml') }, 'add').reply();
    expect(full.content).toContain('already follows 25 feeds');
    expect(isEphemeral(full.flags)).toBe(true);
    expect(feeds.requests).toHaveLength(before);
    bot.emulator.assertNoViolations();
  });

  test('test shows the newest items with their classification and posts nothing', async () => {
    feeds.route('/feed.xml', { body: rss, contentType: 'application/rss+xml' });
    const url = feeds.url('/feed.xml');
    await bot.guildFeeds.add(a.id, { name: 'Label Watch', url, addedAt: '2026-01-01T00:00:00Z', addedBy: 'x' });
    const handle = run(a, 'admin', 'feeds', { feed: url }, 'test');
    expect((await handle.response()).type).toBe(5);
    const reply = await handle.reply();
    const embed = reply.embeds[0] as { description?: string; fields?: { name: string; value: string }[] } | undefined;
    expect(embed?.description).toContain('2 items');
    expect(embed?.description).toContain('Nothing was posted');
    expect(embed?.fields?.[0]?.name).toBe('Netflix and Spotify in talks over award shows');
    expect(embed?.fields?.[0]?.value).toContain('**Deal** · Netflix × Spotify');
    expect(embed?.fields?.[0]?.value).toContain('In talks');
    expect(embed?.fields?.[0]?.value).toContain('*Why:* ');
    expect(embed?.fields?.[1]?.name).toBe('A label @\u200beveryone signs a new act');
    expect(embed?.fields?.[1]?.value).toContain('Not a deal');
    expect(bot.emulator.messages(a.channel('news').id)).toEqual([]);
    // Server B cannot test A's feed.
    const fromB = await run(b, 'admin', 'feeds', { feed: url }, 'test').reply();
    expect(fromB.content).toContain('No feed of this server matches');
    bot.emulator.assertNoViolations();
  });
});
