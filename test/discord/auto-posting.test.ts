import fs from 'node:fs';
import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { loadConfig } from '../../src/config';
import { deployCommands } from '../../src/discord/deploy';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import type { Running } from '../../src/app';
import { startDiscord } from '../../src/app';
import type { DiscordEmulator } from '../support/discord-emulator';
import type { ApiMessage } from '../support/discord-emulator/api-types';
import { startDiscordEmulator } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import type { TestEntry } from '../support/rss';
import { buildRss } from '../support/rss';
import { makeTempDir } from '../support/temp-dir';

const embedOf = (message: ApiMessage | undefined) => message?.embeds[0] as APIEmbed | undefined;
const fieldOf = (message: ApiMessage | undefined, name: string) => embedOf(message)?.fields?.find((f) => f.name === name)?.value;

/**
 * The whole bot, as `npm start` runs it with a token: the real discord.js client against the
 * emulator, real feeds on a loopback server, a real SQLite file. Members and admins use slash
 * commands; poll cycles are run on demand instead of waiting for the schedule.
 */
describe('auto-posting end to end', () => {
  let emulator: DiscordEmulator;
  let feeds: FeedServer;
  let temp: ReturnType<typeof makeTempDir>;
  let bot: Running;
  const logLines: string[] = [];
  const content: Record<string, TestEntry[]> = { '/mbd.xml': [], '/wire.xml': [], '/b-only.xml': [] };
  const serve = (feed: string, ...entries: TestEntry[]) => {
    content[feed] = [...entries, ...(content[feed] ?? [])];
    feeds.route(feed, { body: buildRss(content[feed] ?? [], { title: feed }) });
  };

  beforeAll(async () => {
    emulator = await startDiscordEmulator();
    feeds = await startFeedServer();
    temp = makeTempDir();
    for (const feed of Object.keys(content)) serve(feed, { guid: `${feed}-old`, title: 'Chart news of the week', published: 30 });
    const feedsFile = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify([
      { name: 'Music Business Daily', url: feeds.url('/mbd.xml') },
      { name: 'Streaming Wire', url: feeds.url('/wire.xml') },
    ]));
    const config = loadConfig({
      DISCORD_TOKEN: emulator.token,
      DISCORD_API_BASE: emulator.apiBase,
      DATABASE_URL: `sqlite://${path.join(temp.dir, 'bot.sqlite')}`,
      FEEDS_FILE: feedsFile,
      ALLOW_PRIVATE_FEED_HOSTS: 'true',
      POLL_CRON: '0 0 1 1 *',
    });
    await deployCommands(config);
    // Everything the bot logs, at the most verbose level, to check the token never shows.
    const destination = new Writable({ write: (chunk: Buffer, _e, done) => void (logLines.push(chunk.toString()), done()) });
    bot = await startDiscord(config, emulator.token, createLogger({ level: 'trace', secrets: [emulator.token], destination }));
    await bot.cycle(); // the first poll of each feed seeds: nothing is posted
  });
  afterAll(async () => {
    await bot.stop();
    await emulator.close();
    await feeds.close();
    temp.cleanup();
  });

  const A = () => emulator.guild('A');
  const B = () => emulator.guild('B');
  const command = async (guild: ReturnType<typeof A>, user: string, name: string, options: Record<string, string | number | boolean>, subcommand?: string) => {
    const handle = emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member(user).id, name, options, subcommand });
    return handle.reply();
  };

  it('lets admins subscribe channels and refuses members', async () => {
    const refused = await command(A(), 'member', 'subscribe', { channel: A().channel('news').id });
    expect(refused.content).toMatch(/Manage Server/);
    await command(A(), 'admin', 'subscribe', { channel: A().channel('news').id });
    await command(A(), 'admin', 'subscribe', { channel: A().channel('general').id, parties: 'TikTok' });
    await command(B(), 'owner', 'subscribe', { channel: B().channel('news').id });
    const added = await command(B(), 'owner', 'feeds', { url: feeds.url('/b-only.xml'), name: 'B Insider' }, 'add');
    expect(JSON.stringify(added)).toMatch(/B Insider/);
    expect(emulator.messages(A().channel('news').id)).toHaveLength(0);
  });

  it('posts a new deal story to every subscribed channel whose filters match, once', async () => {
    serve('/mbd.xml', {
      guid: 'talks-1',
      title: 'Netflix and Spotify in talks to stream award shows and live concerts',
      description: 'Netflix is in talks with Spotify about streaming music award shows and live concerts, according to people familiar with the matter.',
      link: 'https://mbd.example/netflix-spotify-talks?utm_source=rss',
      published: 3,
    });
    await bot.cycle();
    const [post] = emulator.messages(A().channel('news').id);
    expect(embedOf(post)?.title).toBe('Netflix and Spotify in talks to stream award shows and live concerts');
    expect(embedOf(post)?.url).toBe('https://mbd.example/netflix-spotify-talks');
    expect(fieldOf(post, 'Status')).toMatch(/In talks · unconfirmed/);
    expect(fieldOf(post, 'What it means for artists')).toMatch(/Unconfirmed/);
    expect(emulator.messages(B().channel('news').id)).toHaveLength(1);
    expect(emulator.messages(A().channel('general').id)).toHaveLength(0); // filtered: TikTok only
    await bot.cycle();
    expect(emulator.messages(A().channel('news').id)).toHaveLength(1);
  });

  it('edits the post when a second outlet reports the same story', async () => {
    serve('/wire.xml', {
      guid: 'wire-9',
      title: 'Netflix, Spotify discuss streaming award shows, sources say',
      description: 'Netflix and Spotify are reportedly negotiating to stream award shows and concerts, sources said.',
      link: 'https://wire.example/netflix-spotify',
      published: 2,
    });
    await bot.cycle();
    const messages = emulator.messages(A().channel('news').id);
    expect(messages).toHaveLength(1);
    expect(fieldOf(messages[0], 'Also reported by')).toMatch(/Streaming Wire/);
    expect(messages[0]?.edited_timestamp).not.toBeNull();
  });

  it('keeps what a server added to that server', async () => {
    serve('/b-only.xml', {
      guid: 'b-1',
      title: 'Universal Music Group signs new licensing agreement with TikTok',
      description: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.',
      link: 'https://b-insider.example/umg-tiktok',
      published: 1,
    });
    await bot.cycle();
    const bNews = emulator.messages(B().channel('news').id);
    expect(embedOf(bNews.at(-1))?.title).toBe('Universal Music Group signs new licensing agreement with TikTok');
    // The label an admin gave the feed is theirs, in /feeds list; posts name a feed by its host.
    expect(embedOf(bNews.at(-1))?.footer?.text).toMatch(/^127\.0\.0\.1 · /);
    expect(JSON.stringify(bNews.at(-1))).not.toContain('B Insider');
    expect(emulator.messages(A().channel('general').id)).toHaveLength(0); // A's TikTok channel never sees B's feed
    expect(emulator.messages(A().channel('news').id)).toHaveLength(1);
    const status = await command(A(), 'member', 'deal', { deal: 'tiktok universal' }, 'status');
    expect(JSON.stringify(status)).not.toMatch(/licensing agreement/i);
  });

  it('posts a status change when the deal moves, and never pings anyone from feed text', async () => {
    serve('/mbd.xml', {
      guid: 'signed-1',
      title: '@everyone Netflix and Spotify sign deal to stream music award shows',
      description: `Netflix and Spotify have signed an agreement to stream award shows, the companies announced. ${'More details. '.repeat(600)}`,
      link: 'https://mbd.example/netflix-spotify-signed',
      published: 0.2,
    });
    await bot.cycle();
    const latest = emulator.messages(A().channel('news').id).at(-1);
    expect(embedOf(latest)?.title).toMatch(/Netflix × Spotify: in talks → announced/);
    expect(latest?.mention_everyone).toBe(false);
    expect(JSON.stringify(latest?.embeds)).not.toMatch(/@everyone/);
    emulator.assertNoViolations();
  });

  it('waits out a 429 and posts exactly one message', async () => {
    const channel = A().channel('general').id;
    emulator.failNext({ method: 'POST', route: `/channels/${channel}/messages`, status: 429, retryAfter: 0.3 });
    serve('/wire.xml', {
      guid: 'wire-10',
      title: 'Warner Music Group and TikTok agree new licensing deal',
      description: 'Warner Music Group and TikTok have agreed a new licensing deal covering recorded music, the companies said.',
      link: 'https://wire.example/wmg-tiktok',
      published: 0.1,
    });
    await bot.cycle();
    // The channel waits out its 429 on its own: the delivery loop sends it when the wait is over.
    await emulator.waitForMessages(channel, 1);
    expect(emulator.messages(channel)).toHaveLength(1);
    expect(emulator.requestsTo('POST', `/channels/${channel}/messages`).filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('pauses a subscription when the bot loses access, and tells the admins', async () => {
    const general = A().channel('general').id;
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 403, times: 5 });
    serve('/mbd.xml', {
      guid: 'sony-tiktok',
      title: 'Sony Music and TikTok sign licensing agreement',
      description: 'Sony Music and TikTok have signed a licensing agreement, the companies announced.',
      link: 'https://mbd.example/sony-tiktok',
      published: 0.05,
    });
    await bot.cycle();
    // general is the server's system channel, so the owner is told in a direct message.
    const dm = emulator.requestsTo('POST', '/users/@me/channels')[0];
    expect(dm?.body).toEqual({ recipient_id: A().ownerId });
    const notice = await emulator.waitForRequest('POST', `/channels/${(dm?.responseBody as { id: string }).id}/messages`);
    expect((notice.body as { content: string }).content).toMatch(new RegExp(`<#${general}>.*paused`));
    const list = await command(A(), 'admin', 'subscriptions', {});
    expect(JSON.stringify(list)).toMatch(/[Pp]aused/);
  });

  it('never logs the token', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('')).not.toContain(emulator.token);
  });
});
