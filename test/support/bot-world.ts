import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { deployCommands } from '../../src/discord/deploy';
import { createLogger } from '../../src/logger';
import type { Running, Services } from '../../src/app';
import { startDiscord } from '../../src/app';
import type { DiscordEmulator, DiscordEmulatorOptions, GuildRef } from './discord-emulator';
import { startDiscordEmulator } from './discord-emulator';
import type { ApiMessage } from './discord-emulator/api-types';
import type { FeedServer } from './feed-server';
import { startFeedServer } from './feed-server';
import type { TestEntry } from './rss';
import { buildRss } from './rss';
import { makeTempDir } from './temp-dir';

/**
 * The whole bot in this process, as `npm start` runs it with a token (startDiscord): the real
 * discord.js client against the emulator, two default feeds on a loopback server, a real SQLite file,
 * every log line kept. The first cycle has seeded the feeds, so what is served next is news.
 */
export interface BotWorld {
  emulator: DiscordEmulator;
  feeds: FeedServer;
  bot: Running;
  /** DATABASE_URL of the bot's store (another process sharing it opens this). */
  databaseUrl: string;
  /** Log lines as JSON objects. */
  logs(): Record<string, unknown>[];
  /** Adds entries to the first feed (the poller takes at most 20 new items of a feed per cycle). */
  serve(...entries: TestEntry[]): void;
  serveOnSecondFeed(...entries: TestEntry[]): void;
  /** Runs a slash command as a member of a guild and returns the reply. */
  command(guild: GuildRef, user: string, name: string, options: Record<string, string | number | boolean>, subcommand?: string): Promise<ApiMessage>;
  close(): Promise<void>;
}

export interface BotWorldOptions {
  emulator?: DiscordEmulatorOptions;
  pollCron?: string;
  wiring?: Services;
  /** More settings (SHARD_COUNT, SHARD_IDS…), as the environment gives them. */
  env?: NodeJS.ProcessEnv;
}

export async function startBotWorld(options: BotWorldOptions = {}): Promise<BotWorld> {
  const emulator = await startDiscordEmulator(options.emulator);
  const feeds = await startFeedServer();
  const temp = makeTempDir();
  const outlets = [{ name: 'Music Business Daily', path: '/feed.xml' }, { name: 'Streaming Wire', path: '/wire.xml' }];
  const entries = outlets.map((): TestEntry[] => [{ guid: 'old', title: 'Chart news of the week', published: 30 }]);
  const publish = () => outlets.forEach((o, i) => feeds.route(o.path, { body: buildRss(entries[i] ?? [], { title: o.name }) }));
  publish();
  const feedsFile = path.join(temp.dir, 'feeds.json');
  fs.writeFileSync(feedsFile, JSON.stringify(outlets.map((o) => ({ name: o.name, url: feeds.url(o.path) }))));
  const databaseUrl = `sqlite://${path.join(temp.dir, 'bot.sqlite')}`;
  const config = loadConfig({
    DISCORD_TOKEN: emulator.token,
    DISCORD_API_BASE: emulator.apiBase,
    DATABASE_URL: databaseUrl,
    FEEDS_FILE: feedsFile,
    ALLOW_PRIVATE_FEED_HOSTS: 'true',
    POLL_CRON: options.pollCron ?? '0 0 1 1 *',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  await deployCommands(config);
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk: Buffer, _e, done) => void (lines.push(chunk.toString()), done()) });
  const bot = await startDiscord(config, emulator.token, createLogger({ level: 'debug', secrets: [emulator.token], destination }), false, options.wiring).catch(
    async (error: unknown) => {
      await emulator.close();
      await feeds.close();
      temp.cleanup();
      throw error;
    },
  );
  await bot.cycle(); // the feed's first poll seeds: nothing is posted
  return {
    emulator,
    feeds,
    bot,
    databaseUrl,
    logs: () => lines.flatMap((chunk) => chunk.split('\n')).filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>),
    serve(...added) {
      entries[0] = [...added, ...(entries[0] ?? [])];
      publish();
    },
    serveOnSecondFeed(...added) {
      entries[1] = [...added, ...(entries[1] ?? [])];
      publish();
    },
    command: (guild, user, name, commandOptions, subcommand) =>
      emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member(user).id, name, options: commandOptions, subcommand }).reply(),
    async close() {
      await bot.stop();
      await emulator.close();
      await feeds.close();
      temp.cleanup();
    },
  };
}
