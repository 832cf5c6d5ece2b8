/** The admin commands' world: the bot against the emulator with two servers, and a local feed server. */
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

export async function startAdminWorld(): Promise<AdminWorld> {
  const bot = await startBotHarness({ defaultFeeds: [{ name: 'Default Wire', url: 'https://default.example/feed.xml' }] });
  const feeds = await startFeedServer();
  return { bot, feeds, a: bot.emulator.guild('A'), b: bot.emulator.guild('B') };
}

export async function closeAdminWorld(world: AdminWorld): Promise<void> {
  await world.bot.close();
  await world.feeds.close();
}

export function runCommand(
  bot: BotHarness,
  guild: GuildRef,
  who: 'admin' | 'member' | 'owner',
  name: string,
  options: Record<string, string | number | boolean> = {},
  subcommand?: string,
) {
  return bot.emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member(who).id, name, options, ...(subcommand ? { subcommand } : {}) });
}

export const isEphemeral = (flags: number) => (flags & MessageFlags.Ephemeral) !== 0;

/** Everything a reply says: its content, and its embeds' titles, descriptions and fields. */
export const replyText = (message: { content: string; embeds: { title?: string; description?: string; fields?: { name: string; value: string }[] }[] }) =>
  [message.content, ...message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])].join('\n');
