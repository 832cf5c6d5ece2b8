/** The admin commands end to end: the real discord.js client against the emulator, real stores, the real classifier. */
import { NEEDS_MANAGE_SERVER } from '../../src/discord/router';
import type { OptionInput } from '../support/discord-emulator';
import { Permission } from '../support/discord-emulator';
import { isEphemeral, replyText as text, useAdminWorld } from '../support/admin-world';
import type { BotHarness } from '../support/bot-harness';
import type { GuildRef } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';

const world = useAdminWorld();
const run = world.run;
let bot: BotHarness, feeds: FeedServer, a: GuildRef, b: GuildRef;
beforeEach(() => ({ bot, feeds, a, b } = world.current()));

describe('deploy', () => {
  test('every command is registered, guild-only, admin ones behind Manage Server', () => {
    const registered = bot.emulator.commands();
    expect(registered.map((c) => c.name).sort()).toEqual([...bot.deployed.names].sort());
    expect(bot.deployed.names).toEqual(['deal', 'news', 'feeds', 'subscribe', 'unsubscribe', 'subscriptions', 'help']);
    for (const command of registered) {
      expect(command.contexts).toEqual([0]);
      const admin = ['feeds', 'subscribe', 'unsubscribe', 'subscriptions'].includes(command.name);
      expect(command.default_member_permissions).toBe(admin ? String(Permission.ManageGuild) : null);
    }
    bot.emulator.assertNoViolations();
  });
});

describe('Manage Server at run time', () => {
  test.each([
    ['feeds', 'list', {}],
    ['subscriptions', '', {}],
    ['unsubscribe', '', { channel: 'news' }],
  ])('/%s %s is refused to a member without it, ephemerally', async (name, subcommand, raw) => {
    const options: Record<string, OptionInput> = 'channel' in raw ? { channel: { type: 7, value: a.channel('news').id } } : {};
    const handle = bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('member').id, name, options, ...(subcommand ? { subcommand } : {}) });
    const reply = await handle.reply();
    expect(reply.content).toContain(NEEDS_MANAGE_SERVER);
    expect(isEphemeral(reply.flags)).toBe(true);
    bot.emulator.assertNoViolations();
  });

  test('autocomplete of an admin command offers a member nothing', async () => {
    await bot.guildFeeds.add(a.id, { name: 'Label Watch', url: feeds.url('/a.xml'), addedAt: '2026-01-01T00:00:00Z', addedBy: 'x' });
    const handle = bot.emulator.sendAutocomplete({ guildId: a.id, userId: a.member('member').id, name: 'feeds', subcommand: 'remove', options: { feed: '' }, focused: 'feed' });
    expect(await handle.choices()).toEqual([]);
    bot.emulator.assertNoViolations();
  });
});

describe('/subscribe, /subscriptions, /unsubscribe', () => {
  const channel = (guild: GuildRef, key: string) => ({ type: 7, value: guild.channel(key).id });
  const role = (guild: GuildRef, key: string) => ({ type: 8, value: guild.role(key).id });

  test('subscribe stores the filters and answers privately; the list shows them; unsubscribe stops it', async () => {
    const handle = bot.emulator.sendSlashCommand({
      guildId: a.id, userId: a.member('admin').id, name: 'subscribe',
      options: { channel: channel(a, 'news'), parties: 'Netflix, spotify ,Netflix', kinds: 'Live events, licensing', statuses: 'in talks, announced', min_confidence: 0.6, mention: role(a, 'news-pings'), threads: true },
    });
    const reply = await handle.reply();
    expect(isEphemeral(reply.flags)).toBe(true);
    expect(text(reply)).toContain(`<#${a.channel('news').id}> will get deal news`);
    expect((await handle.response()).data?.allowed_mentions).toEqual({ parse: [] });
    const [stored] = await bot.subscriptions.list(a.id);
    expect(stored).toMatchObject({
      channelId: a.channel('news').id, parties: ['Netflix', 'Spotify'], kinds: ['live_events', 'licensing'], statuses: ['in_talks', 'announced'],
      minConfidence: 0.6, mentionRoleId: a.role('news-pings').id, threads: true, createdBy: a.member('admin').id,
    });

    const list = await run(a, 'admin', 'subscriptions').reply();
    expect(isEphemeral(list.flags)).toBe(true);
    expect(text(list)).toContain(`<#${a.channel('news').id}>`);
    expect(text(list)).toContain('Live events, Licensing');
    // Server B sees none of it.
    expect(text(await run(b, 'admin', 'subscriptions').reply())).toContain('Subscriptions (0)');

    const gone = await bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'unsubscribe', options: { channel: channel(a, 'news') } }).reply();
    expect(text(gone)).toContain('will get no more deal posts');
    expect(await bot.subscriptions.list(a.id)).toEqual([]);
    const again = await bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'unsubscribe', options: { channel: channel(a, 'news') } }).reply();
    expect(again.content).toContain('is not subscribed');
    expect(isEphemeral(again.flags)).toBe(true);
    bot.emulator.assertNoViolations();
  });

  test.each([
    [{ kinds: 'licensing, mergers' }, /"mergers" is not a kind\. Use one or more of: `content_coproduction`/],
    [{ statuses: 'signed' }, /"signed" is not a status\. Use one or more of: `rumored`, `in_talks`/],
  ])('a bad list value is a clear private error and stores nothing (%o)', async (bad, message) => {
    const reply = await bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'subscribe', options: { channel: channel(a, 'news'), ...bad } }).reply();
    expect(reply.content).toMatch(message);
    expect(isEphemeral(reply.flags)).toBe(true);
    expect(await bot.subscriptions.list(a.id)).toEqual([]);
    bot.emulator.assertNoViolations();
  });

  test('a mistyped party is refused with the likely name; an unknown one is accepted with a note', async () => {
    const subscribe = (parties: string) =>
      bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'subscribe', options: { channel: channel(a, 'news'), parties } }).reply();
    const typo = await subscribe('Netflix, spotfy');
    expect(typo.content).toBe('⚠️ I don\'t know a party called "spotfy". Did you mean **Spotify**? Run /subscribe again with `parties: Netflix, Spotify`.');
    expect(isEphemeral(typo.flags)).toBe(true);
    expect(await bot.subscriptions.list(a.id)).toEqual([]);

    const unknown = await subscribe('Netflix, Zorblax Records');
    expect(text(unknown)).toContain('will get deal news');
    expect(text(unknown)).toContain('"Zorblax Records" is not a company Crossover knows or has seen in a deal yet, so this channel gets deals with it only once the news names it exactly that way.');
    expect((await bot.subscriptions.list(a.id))[0]?.parties).toEqual(['Netflix', 'Zorblax Records']);

    const known = await subscribe('umg, TikTok');
    expect(text(known)).not.toContain('Note');
    expect((await bot.subscriptions.list(a.id))[0]?.parties).toEqual(['Universal Music Group', 'TikTok']);
    bot.emulator.assertNoViolations();
  });

  test('parties autocompletes the name being typed and keeps the ones before it', async () => {
    const choices = await bot.emulator
      .sendAutocomplete({ guildId: a.id, userId: a.member('admin').id, name: 'subscribe', options: { channel: channel(a, 'news'), parties: 'Netflix, spoti' }, focused: 'parties' })
      .choices();
    expect(choices[0]).toEqual({ name: 'Netflix, Spotify', value: 'Netflix, Spotify' });
    const member = await bot.emulator
      .sendAutocomplete({ guildId: a.id, userId: a.member('member').id, name: 'subscribe', options: { parties: 'spo' }, focused: 'parties' })
      .choices();
    expect(member).toEqual([]);
  });

  test('a channel the bot cannot post in is refused, naming what is missing', async () => {
    bot.emulator.denyBot(a.channel('general').id, Permission.SendMessages | Permission.EmbedLinks);
    const general = bot.client.guilds.cache.get(a.id)?.channels.cache.get(a.channel('general').id);
    await bot.emulator.waitFor(() => general?.permissionsFor(bot.emulator.botUserId)?.has('SendMessages') === false, 2000, 'the client to see the overwrite');
    const reply = await bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'subscribe', options: { channel: channel(a, 'general') } }).reply();
    expect(reply.content).toContain("I can't post in");
    expect(reply.content).toContain('Send Messages, Embed Links');
    expect(await bot.subscriptions.list(a.id)).toEqual([]);
    bot.emulator.assertNoViolations();
  });

  test('@everyone is never a mention role', async () => {
    const reply = await bot.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'subscribe', options: { channel: channel(a, 'news'), mention: { type: 8, value: a.everyoneRoleId } } }).reply();
    expect(reply.content).toContain('never mentions @everyone');
    bot.emulator.assertNoViolations();
  });
});

describe('/help', () => {
  test('lists every command, admin ones apart', async () => {
    const reply = await run(a, 'member', 'help').reply();
    const body = text(reply);
    expect(body).toContain('`/feeds add url: [name]`');
    expect(body).toContain('`/subscribe channel: [parties] [kinds] [statuses] [min_confidence] [mention] [threads]`');
    const fields = (reply.embeds[0] as { fields?: { name: string }[] } | undefined)?.fields;
    expect(fields?.[1]?.name).toBe('For admins (Manage Server)');
    expect(isEphemeral(reply.flags)).toBe(true);
    bot.emulator.assertNoViolations();
  });
});
