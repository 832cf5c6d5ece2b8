/**
 * /deal and /news end to end: stories come through the real pipeline (the local feed server, fetch,
 * parse, normalise, the rule classifier, the deal store) and are asked for through the real
 * discord.js client against the emulator. Server A added a feed of its own; server B did not.
 */
import { MessageFlags } from 'discord.js';
import type { BotHarness } from '../support/bot-harness';
import { startBotHarness } from '../support/bot-harness';
import type { ApiMessage, GuildRef, OptionInput } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import type { TestEntry } from '../support/rss';
import { buildRss } from '../support/rss';

let bot: BotHarness;
let feeds: FeedServer;
let a: GuildRef;
let b: GuildRef;
let wire: { name: string; url: string };
let aFeed: { name: string; url: string };

const WIRE: TestEntry[] = [
  {
    guid: 'w1', link: 'https://wire.example/netflix-spotify-talks', published: 48,
    title: 'Netflix and Spotify in talks to bring award shows and live concerts to streaming',
    description: 'Netflix is reportedly in talks with Spotify about streaming music award shows and live concerts, according to people familiar with the matter. Artists could reach new audiences through televised performances.',
  },
  {
    guid: 'w2', link: 'https://wire.example/tiktok-umg', published: 30,
    title: 'TikTok signs licensing deal with Universal Music Group',
    description: 'TikTok and Universal Music Group have agreed a new licensing agreement that returns UMG songs to the platform. Artists will again be able to promote releases with their recordings on TikTok.',
  },
  {
    guid: 'w3', link: 'https://wire.example/sony-youtube', published: 29,
    title: 'Sony Music and YouTube renew licensing agreement @everyone',
    description: 'Sony Music Entertainment renewed its licensing agreement with YouTube, the companies announced.',
  },
];

const A_ONLY: TestEntry[] = [
  {
    guid: 'a1', link: 'https://a.example/spotify-netflix-deal', published: 2,
    title: 'Spotify and Netflix announce partnership for live music award shows',
    description: 'Spotify and Netflix said on Tuesday they have signed an agreement to stream award shows and concerts, launching next year.',
  },
  {
    guid: 'a2', link: 'https://a.example/tidal-tmobile', published: 3,
    title: 'Tidal bundled with T-Mobile',
    description: 'T-Mobile announced it will bundle Tidal with its plans.',
  },
];

beforeEach(async () => {
  feeds = await startFeedServer();
  wire = { name: 'Music Wire', url: feeds.url('/wire.xml') };
  aFeed = { name: 'A Insider', url: feeds.url('/a.xml') };
  feeds.route('/wire.xml', { body: buildRss(WIRE, { title: 'Music Wire' }), contentType: 'application/rss+xml' });
  feeds.route('/a.xml', { body: buildRss(A_ONLY, { title: 'A Insider' }), contentType: 'application/rss+xml' });
  bot = await startBotHarness({ defaultFeeds: [wire] });
  a = bot.emulator.guild('A');
  b = bot.emulator.guild('B');
  await bot.guildFeeds.add(a.id, { ...aFeed, addedAt: new Date().toISOString(), addedBy: a.member('admin').id });
  const ingested = [...(await bot.ingestFeed(wire)), ...(await bot.ingestFeed(aFeed))];
  expect(ingested.every((i) => i.tracked)).toBe(true);
});

afterEach(async () => {
  expect(bot.routerErrors).toEqual([]);
  await bot.close();
  await feeds.close();
});

function send(guild: GuildRef, name: string, subcommand: string | undefined, options: Record<string, OptionInput> = {}) {
  return bot.emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member('member').id, name, options, ...(subcommand ? { subcommand } : {}) });
}

interface Embed { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }
const embedOf = (message: ApiMessage) => message.embeds[0] as Embed | undefined;
const text = (message: ApiMessage) =>
  [message.content, ...(message.embeds as Embed[]).flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
const isEphemeral = (message: ApiMessage) => (message.flags & MessageFlags.Ephemeral) !== 0;
const field = (message: ApiMessage, name: string) => embedOf(message)?.fields?.find((f) => f.name === name)?.value ?? '';

describe('/deal status', () => {
  test('free text finds the deal; each server sees it through its own feeds', async () => {
    const handle = send(b, 'deal', 'status', { deal: 'netflix spotify' });
    const inB = await handle.reply();
    expect(isEphemeral(inB)).toBe(false);
    expect((await handle.response()).data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(inB)?.title).toBe('Netflix × Spotify');
    expect(embedOf(inB)?.description).toContain('In talks · unconfirmed');
    expect(embedOf(inB)?.description).toContain('no party has confirmed it');
    expect(field(inB, 'Latest sources')).toContain('(https://wire.example/netflix-spotify-talks)');
    expect(field(inB, 'Latest sources')).not.toContain('a.example');
    expect(field(inB, 'What to watch for next')).toContain('signed agreement');
    expect(field(inB, 'Kinds')).toContain('Live events');

    const inA = await send(a, 'deal', 'status', { deal: 'Spotify x Netflix' }).reply();
    expect(embedOf(inA)?.description).toContain('Announced');
    expect(embedOf(inA)?.description).not.toContain('unconfirmed');
    // The announcement is news of its own (a new story), not another outlet of the talks story.
    expect(field(inA, 'Latest sources')).toContain('(https://a.example/spotify-netflix-deal)');
    expect(field(inA, 'Activity')).toContain('2 reports in 2 stories');
    expect(field(inA, 'What to watch for next')).toContain('launch date');
    bot.emulator.assertNoViolations();
  });

  test('an unknown deal, or one only another server can see, is a clear private answer', async () => {
    const unknown = await send(a, 'deal', 'status', { deal: 'bandcamp vinyl' }).reply();
    expect(unknown.content).toContain('No tracked deal matches "bandcamp vinyl"; try /deal list');
    expect(isEphemeral(unknown)).toBe(true);
    const hidden = await send(b, 'deal', 'status', { deal: 'tidal t-mobile' }).reply();
    expect(hidden.content).toContain('No tracked deal matches');
    expect((await send(a, 'deal', 'status', { deal: 'tidal t-mobile' }).reply()).embeds).toHaveLength(1);
    bot.emulator.assertNoViolations();
  });

  test('autocomplete offers the deals this server can see, within the limits', async () => {
    const complete = (guild: GuildRef, typed: string) =>
      bot.emulator.sendAutocomplete({ guildId: guild.id, userId: guild.member('member').id, name: 'deal', subcommand: 'status', options: { deal: typed }, focused: 'deal' }).choices();
    const netf = await complete(a, 'netf');
    expect(netf[0]).toEqual({ name: 'Netflix × Spotify — announced', value: 'netflix+spotify' });
    expect((await complete(b, 'netf'))[0]).toEqual({ name: 'Netflix × Spotify — in talks (unconfirmed)', value: 'netflix+spotify' });
    expect((await complete(a, 'tid')).map((c) => c.value)).toContain('t-mobile+tidal');
    expect((await complete(b, 'tid')).map((c) => c.value)).not.toContain('t-mobile+tidal');
    const all = await complete(b, '');
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.length).toBeLessThanOrEqual(25);
    // The value from autocomplete is accepted as the deal.
    const byId = await send(b, 'deal', 'status', { deal: 'netflix+spotify' }).reply();
    expect(embedOf(byId)?.title).toBe('Netflix × Spotify');
    bot.emulator.assertNoViolations();
  });
});

describe('/deal timeline and /deal takeaways', () => {
  test('the timeline lists every status change with its date and sources', async () => {
    const inA = await send(a, 'deal', 'timeline', { deal: 'netflix spotify' }).reply();
    const description = embedOf(inA)?.description ?? '';
    expect(embedOf(inA)?.title).toBe('Netflix × Spotify: timeline');
    expect(description).toContain('2 reports in 2 stories; 2 status changes.');
    expect(description.indexOf('In talks')).toBeLessThan(description.indexOf('In talks → Announced'));
    expect(description).toMatch(/<t:\d+:D> · 🤝 \*\*In talks\*\* \(unconfirmed\) — first report/);
    expect(description).toContain('[Music Wire](https://wire.example/netflix-spotify-talks)');
    expect(description).toContain('[A Insider](https://a.example/spotify-netflix-deal)');
    const inB = await send(b, 'deal', 'timeline', { deal: 'netflix spotify' }).reply();
    expect(embedOf(inB)?.description).toContain('1 report in 1 story; 1 status change.');
    expect(embedOf(inB)?.description).not.toContain('a.example');
    bot.emulator.assertNoViolations();
  });

  test('takeaways from a report cite it; background ones are labelled and cite nothing', async () => {
    const reply = await send(b, 'deal', 'takeaways', { deal: 'tiktok umg' }).reply();
    const embed = embedOf(reply);
    expect(embed?.title).toBe('TikTok × Universal Music Group: what it means for artists');
    const points = (embed?.description ?? '').split('\n').filter((line) => line.startsWith('• '));
    expect(points.length).toBeGreaterThanOrEqual(2);
    const cited = points.filter((point) => / — \[Music Wire\]\(https:\/\/wire\.example\/tiktok-umg\)$/.test(point));
    expect(cited).toEqual([expect.stringContaining('Artists will again be able to promote releases with their recordings on TikTok.')]);
    const rest = points.filter((point) => !cited.includes(point));
    expect(rest.length).toBeGreaterThan(0);
    for (const point of rest) expect(point).toMatch(/^• Agreed, not live yet \(background\): [^\]]*$/);
    bot.emulator.assertNoViolations();
  });
});

describe('/deal list', () => {
  const MORE: TestEntry[] = ([
    ['Warner Music Group licenses catalogue to Roblox', 'Warner Music Group signed a licensing deal with Roblox for in-game concerts.'],
    ['Amazon Music bundles with Verizon', 'Verizon customers get Amazon Music Unlimited as part of a new bundle, the companies announced.'],
    ['Deezer partners with TF1 for bundle', 'Deezer and TF1 announced a bundling partnership in France.'],
    ['Apple Music and Live Nation strike live events deal', 'Apple Music and Live Nation announced a deal to stream concerts.'],
    ['SoundCloud partners with Twitch', 'SoundCloud and Twitch announced a partnership that lets creators monetise streams.'],
    ['iHeartMedia and Spotify sign podcast distribution deal', 'iHeartMedia signed a distribution agreement with Spotify for its podcasts.'],
  ] as [string, string][]).map(([title, description], i) => ({ guid: `m${i}`, link: `https://wire.example/more-${i}`, published: 10 + i, title, description }));

  test('pages with Previous/Next buttons that re-run the query and edit the message', async () => {
    feeds.route('/wire.xml', { body: buildRss([...WIRE, ...MORE], { title: 'Music Wire' }), contentType: 'application/rss+xml' });
    await bot.ingestFeed(wire);
    // A sees 9 deals on the wire plus Tidal × T-Mobile from its own feed: two pages of 8.
    const handle = send(a, 'deal', 'list', {});
    const first = await handle.reply();
    expect(isEphemeral(first)).toBe(false);
    expect(embedOf(first)?.footer?.text).toContain('Page 1 of 2 · 10 deals');
    expect((embedOf(first)?.description ?? '').match(/^\*\*/gm)).toHaveLength(8);
    expect(embedOf(first)?.description?.indexOf('Netflix × Spotify')).toBe(2); // newest activity first
    const row = first.components[0] as { components: { custom_id: string; disabled?: boolean; label: string }[] };
    const [previous, next] = row.components;
    expect(previous?.disabled).toBe(true);
    expect(next?.custom_id).toBe('deal:list:1::');

    const click = bot.emulator.sendButton({ messageId: first.id, customId: 'deal:list:1::', userId: a.member('owner').id });
    expect((await click.response()).type).toBe(7);
    const second = bot.emulator.message(first.id);
    expect(embedOf(second as ApiMessage)?.footer?.text).toContain('Page 2 of 2');
    expect((embedOf(second as ApiMessage)?.description ?? '').match(/^\*\*/gm)).toHaveLength(2);
    const secondRow = second?.components[0] as { components: { custom_id: string; disabled?: boolean }[] };
    expect(secondRow.components[1]?.disabled).toBe(true);
    await bot.emulator.sendButton({ messageId: first.id, customId: 'deal:list:0::' }).response();
    expect(embedOf(bot.emulator.message(first.id) as ApiMessage)?.footer?.text).toContain('Page 1 of 2');

    // B never counts A's deal.
    expect(embedOf(await send(b, 'deal', 'list', {}).reply())?.footer?.text).toContain('9 deals');
    bot.emulator.assertNoViolations();
  });

  test('filters by status and party; one page has no buttons', async () => {
    const talks = await send(b, 'deal', 'list', { status: 'in_talks' }).reply();
    expect(embedOf(talks)?.title).toBe('Tracked deals now in talks');
    expect(embedOf(talks)?.description).toContain('Netflix × Spotify');
    expect(embedOf(talks)?.description).not.toContain('TikTok');
    expect(talks.components).toEqual([]);
    const spotify = await send(a, 'deal', 'list', { party: 'spotify' }).reply();
    expect(embedOf(spotify)?.title).toBe('Tracked deals with spotify');
    expect(embedOf(spotify)?.footer?.text).toContain('1 deal');
    const none = await send(b, 'deal', 'list', { status: 'ended' }).reply();
    expect(embedOf(none)?.description).toContain('No tracked deal now ended yet');
    bot.emulator.assertNoViolations();
  });
});

describe('/news', () => {
  test('latest shows the newest stories of this server, with count and party', async () => {
    const latestA = await send(a, 'news', 'latest', { count: 2 }).reply();
    const lines = (embedOf(latestA)?.description ?? '').split('\n\n');
    expect(lines).toHaveLength(2);
    // A's announcement is the latest story; the talks story before it is another.
    expect(lines[0]).toContain('[Spotify and Netflix announce partnership for live music award shows](https://a.example/spotify-netflix-deal)');
    expect(lines[0]).toContain('Announced');
    expect(lines[1]).toContain('(https://a.example/tidal-tmobile)');
    const latestB = await send(b, 'news', 'latest', {}).reply();
    expect(embedOf(latestB)?.description).not.toContain('a.example');
    expect((embedOf(latestB)?.description ?? '').split('\n\n')).toHaveLength(3);
    // Feed text never mentions anyone.
    expect(text(latestB)).toContain('@\u200beveryone');
    expect(text(latestB)).not.toMatch(/@everyone/);
    const sony = await send(b, 'news', 'latest', { party: 'youtube' }).reply();
    expect(embedOf(sony)?.title).toBe('Latest deal stories with youtube');
    expect((embedOf(sony)?.description ?? '').split('\n\n')).toHaveLength(1);
    bot.emulator.assertNoViolations();
  });

  test('search matches words, parties or kinds; nothing found is a private answer', async () => {
    const licensing = await send(b, 'news', 'search', { query: 'licensing' }).reply();
    expect(embedOf(licensing)?.description).toContain('TikTok signs licensing deal');
    expect(embedOf(licensing)?.description).toContain('Sony Music and YouTube');
    const awards = await send(a, 'news', 'search', { query: 'award shows' }).reply();
    expect(embedOf(awards)?.description).toContain('Netflix');
    const nothing = await send(b, 'news', 'search', { query: 'bandcamp vinyl' }).reply();
    expect(isEphemeral(nothing)).toBe(true);
    expect(embedOf(nothing)?.description).toContain('No deal story matches');
    const aOnly = await send(b, 'news', 'search', { query: 'tidal' }).reply();
    expect(isEphemeral(aOnly)).toBe(true);
    bot.emulator.assertNoViolations();
  });
});
