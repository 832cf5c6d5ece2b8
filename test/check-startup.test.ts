import fs from 'node:fs';
import path from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { checkStartup } from '../src/check-startup';
import { ConfigError } from '../src/config';
import { makeTempDir } from './support/temp-dir';

async function problemsOf(env: NodeJS.ProcessEnv, cwd?: string): Promise<string[]> {
  try {
    await checkStartup(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('checkStartup: every problem before anything starts', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());
  const feeds = path.join(temp.dir, 'feeds.json');
  fs.writeFileSync(feeds, JSON.stringify([{ name: 'Local', url: 'https://news.example/feed.xml' }]));

  it('gives the configuration and the feed list, and creates the store and its folders', async () => {
    const file = path.join(temp.dir, 'a', 'b', 'crossover.sqlite');
    const { config, defaultFeeds } = await checkStartup({ DATABASE_URL: `sqlite://${file}`, FEEDS_FILE: feeds });
    expect(config.store).toEqual({ kind: 'sqlite', file });
    expect(defaultFeeds).toEqual([{ name: 'Local', url: 'https://news.example/feed.xml' }]);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('reports bad keys, an unreadable feed list and an unusable store in one message', async () => {
    const problems = await problemsOf({
      LOG_LEVEL: 'loud',
      MAX_ITEM_AGE: '0',
      POLL_CRON: '61 * * * *',
      FEEDS_FILE: path.join(temp.dir, 'missing.json'),
      DATABASE_URL: 'sqlite:///proc/crossover/crossover.sqlite',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^POLL_CRON/),
      expect.stringMatching(/^LOG_LEVEL/),
      expect.stringMatching(/^MAX_ITEM_AGE/),
      `FEEDS_FILE (${path.join(temp.dir, 'missing.json')}): cannot be read (no such file)`,
      'DATABASE_URL: cannot create the folder /proc/crossover for the store (this file system does not allow it)',
    ]);
  });

  it('says what is wrong with a feed list that is not JSON, or not a list of feeds', async () => {
    const notJson = path.join(temp.dir, 'not.json');
    fs.writeFileSync(notJson, '[{"name": "x",');
    expect(await problemsOf({ FEEDS_FILE: notJson, DATABASE_URL: `sqlite://${temp.dir}/ok.sqlite` })).toEqual([
      expect.stringMatching(/^FEEDS_FILE \(.*not\.json\): is not valid JSON \(/),
    ]);
    const badEntries = path.join(temp.dir, 'bad.json');
    fs.writeFileSync(badEntries, JSON.stringify([{ name: 'FTP', url: 'ftp://example.com/feed' }, { url: 'https://example.com/feed' }]));
    expect(await problemsOf({ FEEDS_FILE: badEntries, DATABASE_URL: `sqlite://${temp.dir}/ok.sqlite` })).toEqual([
      expect.stringMatching(/: is not a JSON array of .*: entry 0\.url: must be an http\(s\) URL; entry 1\.name: needs a "name"$/),
    ]);
  });

  it('names a file that is not a database, a folder given as the file, and a folder that is a file', async () => {
    const notDb = path.join(temp.dir, 'notes.sqlite');
    fs.writeFileSync(notDb, 'these are notes, not a database\n'.repeat(200));
    expect(await problemsOf({ DATABASE_URL: `sqlite://${notDb}` })).toEqual([
      `DATABASE_URL: the store ${notDb} is not a SQLite database (another kind of file, or one damaged beyond recognition); point DATABASE_URL at another file, or move this one away (SQLITE_NOTADB)`,
    ]);
    expect(await problemsOf({ DATABASE_URL: `sqlite://${temp.dir}` })).toEqual([
      `DATABASE_URL: ${temp.dir} is a folder; DATABASE_URL must name a database file in it, such as ${path.join(temp.dir, 'crossover.sqlite')}`,
    ]);
    expect(await problemsOf({ DATABASE_URL: `sqlite://${notDb}/inside/x.sqlite` })).toEqual([
      `DATABASE_URL: cannot create the folder ${notDb}/inside: ${notDb} is a file`,
    ]);
  });

  it('accepts shards with a token: one process running all of them, or some of them', async () => {
    const token = 'abc.def.ghi';
    const database = `sqlite://${temp.dir}/shards.sqlite`;
    expect((await checkStartup({ DISCORD_TOKEN: token, SHARD_COUNT: '1', SHARD_IDS: '0', DATABASE_URL: database })).config.shards).toEqual({ count: 1, ids: [0] });
    expect((await checkStartup({ DISCORD_TOKEN: token, SHARD_COUNT: 'auto', DATABASE_URL: database })).config.shards).toEqual({ count: 'auto', ids: undefined });
    expect((await checkStartup({ DISCORD_TOKEN: token, SHARD_COUNT: '4', SHARD_IDS: '2,3', DATABASE_URL: database })).config.shards).toEqual({ count: 4, ids: [2, 3] });
  });

  it('refuses bad shard combinations together with every other problem, in one message', async () => {
    const problems = await problemsOf({ SHARD_COUNT: 'auto', SHARD_IDS: '0', LOG_LEVEL: 'loud', FEEDS_FILE: path.join(temp.dir, 'missing.json'), DATABASE_URL: `sqlite://${temp.dir}/shards.sqlite` });
    expect(problems).toEqual([
      'LOG_LEVEL ("loud"): must be one of fatal, error, warn, info, debug, trace, silent',
      'SHARD_IDS: needs a number for SHARD_COUNT: with "auto" each process would ask Discord for the count on its own, and processes started at different times could disagree',
      'SHARD_COUNT: shards are connections to Discord, and without DISCORD_TOKEN Crossover runs in console mode; set DISCORD_TOKEN, or leave SHARD_COUNT and SHARD_IDS unset',
      `FEEDS_FILE (${path.join(temp.dir, 'missing.json')}): cannot be read (no such file)`,
    ]);
    expect(await problemsOf({ DISCORD_TOKEN: 'abc.def.ghi', SHARD_COUNT: '2', SHARD_IDS: '0,2', DATABASE_URL: `sqlite://${temp.dir}/shards.sqlite` })).toEqual([
      'SHARD_IDS: shard ids run from 0 to 1 with SHARD_COUNT=2',
    ]);
  });

  it('reports a Postgres server it cannot reach', async () => {
    expect(await problemsOf({ DATABASE_URL: 'postgres://bot:s3cret@127.0.0.1:1/crossover' })).toEqual([
      'DATABASE_URL: cannot reach the Postgres server 127.0.0.1:1 (connection refused): is it running, and does it accept connections on that address?',
    ]);
  });

  it('stops waiting for a store that does not answer (here: another program holds its write lock)', async () => {
    const file = path.join(temp.dir, 'locked.sqlite');
    await checkStartup({ DATABASE_URL: `sqlite://${file}` });
    const other = new KeyvSqlite({ uri: `sqlite://${file}` });
    await other.query('BEGIN EXCLUSIVE');
    try {
      expect(await checkStartup({ DATABASE_URL: `sqlite://${file}` }, undefined, 1000).catch((e: ConfigError) => e.problems)).toEqual([
        `DATABASE_URL: the store ${file} did not answer within 1s (a hung network file system, or a lock held by another program?)`,
      ]);
    } finally {
      await other.query('ROLLBACK');
      await other.disconnect();
    }
  });
});
