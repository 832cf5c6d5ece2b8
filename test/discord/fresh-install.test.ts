import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { APIEmbed } from 'discord.js';
import { createSilentLogger } from '../../src/logger';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import type { DiscordEmulator } from '../support/discord-emulator';
import { startDiscordEmulator } from '../support/discord-emulator';
import type { FeedServer } from '../support/feed-server';
import { startFeedServer } from '../support/feed-server';
import { buildRss } from '../support/rss';
import { makeTempDir } from '../support/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const DAY = 24;

/**
 * A fresh install (issue 7, part 6): the real process (`node <build>/src/main.js`, as `npm start` runs
 * it, with a token) on an empty SQLite file, against loopback feeds that already carry deal stories,
 * some of them older than MAX_ITEM_AGE. Its first poll posts nothing, yet `/deal status`, `/deal list`
 * and `/news latest` answer for those deals through the real discord.js client and the emulator. A
 * restart with another FEEDS_FILE still shows them; a server's own feed stays that server's.
 */
describe('a fresh install already knows the deals', () => {
  let emulator: DiscordEmulator;
  let feeds: FeedServer;
  let temp: ReturnType<typeof makeTempDir>;
  let mainJs: string;
  let baseEnv: NodeJS.ProcessEnv;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    temp = makeTempDir();
    // Its own build folder, so that no other test's build can change the files under it (the
    // project's node_modules are found through NODE_PATH).
    const outDir = path.join(temp.dir, 'build');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir, '--tsBuildInfoFile', path.join(outDir, '.tsbuildinfo')], { cwd: ROOT });
    mainJs = path.join(outDir, 'src/main.js');
    emulator = await startDiscordEmulator();
    feeds = await startFeedServer();
    feeds.route('/mbd.xml', {
      body: buildRss([
        {
          guid: 'umg-tiktok', title: 'Universal Music Group signs new licensing agreement with TikTok', link: 'https://mbd.example/umg-tiktok',
          description: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.', published: 5,
        },
        { guid: 'charts', title: 'Chart news of the week', link: 'https://mbd.example/charts', published: 8 },
        {
          guid: 'netflix-spotify-talks', title: 'Netflix and Spotify in talks to stream award shows and live concerts', link: 'https://mbd.example/talks',
          description: 'Netflix is in talks with Spotify about streaming award shows, people familiar with the matter said.', published: 40 * DAY,
        },
      ], { title: 'Music Business Daily' }),
    });
    feeds.route('/wire.xml', {
      body: buildRss([
        {
          guid: 'netflix-spotify-deal', title: 'Netflix and Spotify sign deal to stream music award shows', link: 'https://wire.example/deal',
          description: 'Netflix and Spotify have signed an agreement to stream music award shows, the companies announced.', published: 10 * DAY,
        },
      ], { title: 'Streaming Wire' }),
    });
    feeds.route('/label.xml', {
      body: buildRss([
        {
          guid: 'deezer-sony', title: 'Deezer and Sony Music sign new licensing deal', link: 'https://label.example/deezer-sony',
          description: 'Deezer and Sony Music have signed a new licensing agreement covering the label\'s catalogue.', published: 3 * DAY,
        },
      ], { title: 'Label Watch' }),
    });
    feeds.route('/other.xml', { body: buildRss([{ guid: 'other', title: 'Festival line-ups announced', published: 2 }], { title: 'Other' }) });

    const databaseUrl = `sqlite://${path.join(temp.dir, 'bot.sqlite')}`;
    const keyv = openKeyvFactory(databaseUrl, createSilentLogger());
    const subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
    for (const key of ['A', 'B']) {
      const guild = emulator.guild(key);
      await subscriptions.upsert({
        guildId: guild.id, channelId: guild.channel('news').id,
        parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false, createdAt: new Date().toISOString(), createdBy: 'test',
      });
    }
    await keyv.close();
    baseEnv = {
      PATH: process.env.PATH, NODE_PATH: path.join(ROOT, 'node_modules'), DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: databaseUrl,
      ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '0 0 1 1 *', LOG_LEVEL: 'info', MAX_ITEM_AGE: '3d',
    };
  }, 180_000);
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await emulator.close();
    await feeds.close();
    temp.cleanup();
  });

  function feedsFile(name: string, list: { name: string; path: string }[]): string {
    const file = path.join(temp.dir, name);
    fs.writeFileSync(file, JSON.stringify(list.map((f) => ({ name: f.name, url: feeds.url(f.path) }))));
    return file;
  }

  /** Starts the bot; resolves once its first poll cycle has finished. */
  function startBot(feedList: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, [mainJs], { cwd: ROOT, env: { ...baseEnv, FEEDS_FILE: feedList }, stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(child);
    let log = '';
    return new Promise((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('poll cycle finished')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`bot exited early (${code}): ${log}`)));
    });
  }
  async function stopBot(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  const ask = async (key: string, name: string, subcommand: string, options: Record<string, string | number> = {}) => {
    const guild = emulator.guild(key);
    const reply = await emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member('member').id, name, subcommand, options }).reply();
    const embed = reply.embeds?.[0] as APIEmbed | undefined;
    return { content: reply.content ?? '', embed, text: JSON.stringify(reply) };
  };
  const posted = () => emulator.requestsTo('POST', '/channels/:id/messages').length;

  it('answers from its first poll, posts nothing, and keeps the answers when FEEDS_FILE changes', async () => {
    const first = await startBot(feedsFile('feeds-1.json', [
      { name: 'Music Business Daily', path: '/mbd.xml' },
      { name: 'Streaming Wire', path: '/wire.xml' },
    ]));

    // The Netflix × Spotify history is 40 and 10 days old: older than MAX_ITEM_AGE, known all the same.
    const status = await ask('B', 'deal', 'status', { deal: 'netflix spotify' });
    expect(status.embed?.title).toBe('Netflix × Spotify');
    expect(status.embed?.description).toMatch(/Announced/i);
    expect(status.text).toContain('Netflix and Spotify sign deal to stream music award shows');
    const umg = await ask('A', 'deal', 'status', { deal: 'umg tiktok' });
    expect(umg.embed?.title).toBe('TikTok × Universal Music Group');

    const timeline = await ask('B', 'deal', 'timeline', { deal: 'netflix spotify' });
    expect(timeline.text).toMatch(/in talks/i);
    expect(timeline.text).toMatch(/announced/i);
    const list = await ask('B', 'deal', 'list');
    expect(list.text).toContain('Netflix × Spotify');
    expect(list.text).toContain('TikTok × Universal Music Group');
    const latest = await ask('A', 'news', 'latest');
    expect(latest.text).toContain('Universal Music Group signs new licensing agreement with TikTok');
    expect(latest.text).not.toContain('Chart news of the week');

    // Server A adds a feed of its own: its back catalogue is taken now and tracked by the next cycle.
    const guildA = emulator.guild('A');
    const added = await emulator.sendSlashCommand({
      guildId: guildA.id, userId: guildA.member('admin').id, name: 'feeds', subcommand: 'add', options: { url: feeds.url('/label.xml') },
    }).reply();
    expect(JSON.stringify(added)).toContain('Label Watch');
    await stopBot(first);
    expect(posted()).toBe(0);

    // The operator replaces the default feeds: what the old ones reported stays visible everywhere.
    const second = await startBot(feedsFile('feeds-2.json', [{ name: 'Other', path: '/other.xml' }]));
    for (const guild of ['A', 'B']) {
      const again = await ask(guild, 'deal', 'status', { deal: 'netflix spotify' });
      expect(again.embed?.title).toBe('Netflix × Spotify');
      expect(again.embed?.description).toMatch(/Announced/i);
    }
    expect((await ask('B', 'deal', 'list')).text).toContain('TikTok × Universal Music Group');

    // A's own feed: A sees its deal, B does not.
    expect((await ask('A', 'deal', 'status', { deal: 'deezer sony music' })).embed?.title).toBe('Deezer × Sony Music');
    const hidden = await ask('B', 'deal', 'status', { deal: 'deezer sony music' });
    expect(hidden.embed).toBeUndefined();
    expect(hidden.content).toMatch(/No tracked deal matches/);
    expect((await ask('B', 'news', 'latest')).text).not.toContain('Deezer');
    await stopBot(second);

    expect(posted()).toBe(0);
    // The channels hold the answers to the commands, and nothing else.
    for (const guild of ['A', 'B']) {
      expect(emulator.messages(emulator.guild(guild).channel('news').id).filter((m) => m.interaction_metadata === undefined)).toEqual([]);
    }
    emulator.assertNoViolations();
  }, 120_000);
});
