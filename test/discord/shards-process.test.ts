import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp, ROOT, runApp } from '../support/built-app';
import type { DiscordEmulator } from '../support/discord-emulator';
import { createDefaultFixtures, guildIdOnShard, startDiscordEmulator } from '../support/discord-emulator';
import { makeTempDir } from '../support/temp-dir';

/**
 * The shard settings as an operator gives them: in the environment of the real process
 * (node dist/src/main.js, as `npm start` runs it), where discord.js also looks for a SHARD_COUNT of
 * its own.
 */
jest.setTimeout(120_000);

describe('shards in the real process', () => {
  const temp = makeTempDir();
  let emptyFeeds: string;
  let emulator: DiscordEmulator;
  beforeAll(async () => {
    await buildApp();
    emptyFeeds = path.join(temp.dir, 'feeds.json');
    fs.writeFileSync(emptyFeeds, '[]');
    const guilds = createDefaultFixtures(['A', 'B']).map((guild, i) => ({ ...guild, id: guildIdOnShard(i, 2, i) }));
    emulator = await startDiscordEmulator({ guilds, sharding: { guildsPerShard: 1, maxConcurrency: 2 } });
  }, 240_000);
  afterAll(async () => {
    await emulator.close();
    temp.cleanup();
  });

  /** Starts the bot with a token, answers a command in each server, stops it; resolves with its exit code. */
  async function runBot(env: NodeJS.ProcessEnv): Promise<number | null> {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH, DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, FEEDS_FILE: emptyFeeds,
        DATABASE_URL: `sqlite://${path.join(temp.dir, 'bot.sqlite')}`, POLL_CRON: '0 0 1 1 *', ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let log = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('poll cycle finished')) resolve();
      });
      void exited.then((code) => reject(new Error(`the bot exited (${code}): ${log}`)));
    });
    for (const key of ['A', 'B']) {
      const guild = emulator.guild(key);
      const reply = await emulator.sendSlashCommand({ guildId: guild.id, userId: guild.member('member').id, name: 'help' }).reply();
      expect(JSON.stringify(reply)).toContain('Crossover');
    }
    child.kill('SIGTERM');
    return exited;
  }

  it('SHARD_COUNT=auto runs the shards Discord recommends, though discord.js reads SHARD_COUNT too', async () => {
    const before = emulator.identifies.length;
    expect(await runBot({ SHARD_COUNT: 'auto' })).toBe(0);
    expect(emulator.identifies.slice(before).map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  });

  it('an empty SHARD_COUNT, as in a copied .env.example, is one shard', async () => {
    const before = emulator.identifies.length;
    // One session for both servers: the emulator recommends two shards, but the bot runs the default one.
    expect(await runBot({ SHARD_COUNT: '', SHARD_IDS: '' })).toBe(0);
    expect(emulator.identifies.slice(before).map((i) => i.shard)).toEqual([[0, 1]]);
  });

  it('refuses bad shard settings with every other problem, exit code 2, before it connects', async () => {
    const run = await runApp({ SHARD_COUNT: '2', SHARD_IDS: '0,2', LOG_LEVEL: 'loud', FEEDS_FILE: emptyFeeds, DATABASE_URL: `sqlite://${path.join(temp.dir, 'refused.sqlite')}` });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        'Crossover cannot start: 3 configuration problems',
        '  - LOG_LEVEL ("loud"): must be one of fatal, error, warn, info, debug, trace, silent',
        '  - SHARD_IDS: shard ids run from 0 to 1 with SHARD_COUNT=2',
        '  - SHARD_COUNT: shards are connections to Discord, and without DISCORD_TOKEN Crossover runs in console mode; set DISCORD_TOKEN, or leave SHARD_COUNT and SHARD_IDS unset',
        'See .env.example for every setting.',
        '',
      ].join('\n'),
    );
  });
});
