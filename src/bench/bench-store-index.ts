import fs from 'node:fs';
import path from 'node:path';
import type { DiscordEmulator } from '../../test/support/discord-emulator';
import { createDefaultFixtures, startDiscordEmulator } from '../../test/support/discord-emulator';
import { startFeedServer } from '../../test/support/feed-server';
import { createSilentLogger } from '../logger';
import { openKeyvFactory } from '../store/open-keyv';
import { deployToEmulator } from './bench-command-latency';
import { prepareBenchStore } from './bench-deal-store';
import type { StartupFigures } from './bench-startup';
import { measureStartup } from './bench-startup';

/**
 * The deal index at start-up with 100,000 stored deal items (issue 11): the real bot, `node
 * dist/src/main.js`, spawned against the local Discord API emulator, and a `/deal status` sent the
 * moment it is connected (deferred while the index loads, then answered). Four starts on that store:
 * the first without a snapshot (it reads every deal and story, as after an upgrade or a rebuild, and
 * leaves a snapshot), the other three from the snapshot; the baseline is the same bot on an empty store.
 * The synthetic items span 2012–2025, so the bot runs with a RETENTION that keeps them all: the store
 * stays the same 100,000 deal items from one start to the next.
 */
export interface IndexStartupFigures {
  items: number;
  deals: number;
  stories: number;
  empty: StartupFigures;
  fullLoad: StartupFigures;
  fromSnapshot: StartupFigures[];
}

const GUILD = '1300000000000000001';
const OTHER_GUILD = '1300000000000000002';
const SNAPSHOT_STARTS = 3;
const KEEP_EVERYTHING = { RETENTION: `${365 * 20}d` };
const EMPTY_RSS = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Quiet outlet</title><link>http://127.0.0.1/</link><description>No news today</description></channel></rss>';

export async function benchIndexStartup(dir: string): Promise<IndexStartupFigures> {
  const feedServer = await startFeedServer();
  const guilds = createDefaultFixtures().map((guild) => ({ ...guild, id: guild.key === 'A' ? GUILD : OTHER_GUILD }));
  let emulator: DiscordEmulator | undefined;
  try {
    const databaseUrl = `sqlite://${path.join(dir, 'index-store', 'crossover.sqlite')}`;
    const store = await prepareBenchStore({ databaseUrl, feedOrigin: feedServer.origin, guildId: GUILD });
    for (const feed of [...store.defaultFeeds, ...store.guildFeeds]) {
      feedServer.route(new URL(feed.url).pathname, { body: EMPTY_RSS, contentType: 'application/rss+xml; charset=utf-8' });
    }
    const feedsFile = path.join(dir, 'index-feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify(store.defaultFeeds));
    emulator = await startDiscordEmulator({ guilds });
    await deployToEmulator(emulator);
    const cwd = path.join(dir, 'index-bot');
    fs.mkdirSync(cwd, { recursive: true });
    const question = (store.partySets[0] ?? ['Netflix', 'Spotify']).slice(0, 2).join(' ');
    const running = emulator;
    const start = (url: string) =>
      measureStartup({
        emulator: running, databaseUrl: url, feedsFile, cwd, env: KEEP_EVERYTHING,
        onConnected: async () => {
          const handle = running.sendSlashCommand({ guildId: GUILD, name: 'deal', subcommand: 'status', options: { deal: question } });
          if ((await handle.response(30_000)).type === 5) await handle.reply(30_000);
        },
      });
    const empty = await start(`sqlite://${path.join(dir, 'index-empty', 'crossover.sqlite')}`);
    await dropSnapshot(databaseUrl);
    const fullLoad = await start(databaseUrl);
    const fromSnapshot: StartupFigures[] = [];
    for (let i = 0; i < SNAPSHOT_STARTS; i += 1) fromSnapshot.push(await start(databaseUrl));
    return { items: store.items, deals: store.deals, stories: store.stories, empty, fullLoad, fromSnapshot };
  } finally {
    await emulator?.close();
    await feedServer.close();
  }
}

/** Removes the deal index snapshot, so that the next start reads every record. */
async function dropSnapshot(databaseUrl: string): Promise<void> {
  const keyv = openKeyvFactory(databaseUrl, createSilentLogger());
  try {
    await keyv.namespace('deal-snapshot').clear();
  } finally {
    await keyv.close();
  }
}
