/**
 * The admin commands' world: the bot against the emulator with two servers, and a local feed server,
 * new for each test. Uses jest's hooks, so the build leaves it out (tsconfig.build.json).
 */
import { MessageFlags } from 'discord.js';
import type { BotHarness } from './bot-harness';
import { startBotHarness } from './bot-harness';
import type { GuildRef } from './discord-emulator';
import type { FeedServer } from './feed-server';
import { startFeedServer } from './feed-server';

export interface AdminWorld {
  bot: BotHarness;
  feeds: FeedServer;
  a: GuildRef;
  b: GuildRef;
}

type Who = 'admin' | 'member' | 'owner';

/**
 * Starts the world before each test and closes it after, checking that the router let no error
 * escape. `current()` is the running test's world; `run` sends a slash command in it.
 */
export function useAdminWorld() {
  let world: AdminWorld | undefined;
  beforeEach(async () => {
    const bot = await startBotHarness({ defaultFeeds: [{ name: 'Default Wire', url: 'https://default.example/feed.xml' }] });
    const feeds = await startFeedServer();
    world = { bot, feeds, a: bot.emulator.guild('A'), b: bot.emulator.guild('B') };
  });
  afterEach(async () => {
    const ended = world;
    world = undefined;
    if (!ended) return;
    expect(ended.bot.routerErrors).toEqual([]);
    await ended.bot.close();
    await ended.feeds.close();
  });
  const current = (): AdminWorld => {
    if (!world) throw new Error('the admin world runs only inside a test');
    return world;
  };
  const run = (guild: GuildRef, who: Who, name: string, options: Record<string, string | number | boolean> = {}, subcommand?: string) =>
    current().bot.emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member(who).id, name, options, ...(subcommand ? { subcommand } : {}) });
  return { current, run };
}

export const isEphemeral = (flags: number) => (flags & MessageFlags.Ephemeral) !== 0;

/** Everything a reply says: its content, and its embeds' titles, descriptions and fields. */
export const replyText = (message: { content: string; embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] }) =>
  [message.content, ...message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
