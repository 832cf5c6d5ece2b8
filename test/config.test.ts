import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/crossover');
    expect(config).toEqual({
      discordToken: undefined,
      discordApiBase: undefined,
      discordGuildId: undefined,
      databaseUrl: 'sqlite://data/crossover.sqlite',
      store: { kind: 'sqlite', file: 'data/crossover.sqlite' },
      feedsFile: undefined,
      pollCron: '*/10 * * * *',
      allowPrivateFeedHosts: false,
      logLevel: 'info',
      maxItemAgeMs: 3 * 86_400_000,
      metrics: undefined,
      retentionMs: 180 * 86_400_000,
      shards: undefined,
    });
  });

  it('treats empty values as unset, as in a copied .env.example', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', LOG_LEVEL: '  ', METRICS_PORT: '' }).logLevel).toBe('info');
  });

  it('reads every key', () => {
    const config = loadConfig(
      {
        DISCORD_TOKEN: 'abc.def.ghi',
        DISCORD_API_BASE: 'http://127.0.0.1:4000/api/',
        DISCORD_GUILD_ID: '123456789012345678',
        DATABASE_URL: 'sqlite:///tmp/x.sqlite',
        FEEDS_FILE: 'feeds.json',
        POLL_CRON: '*/5 * * * *',
        ALLOW_PRIVATE_FEED_HOSTS: 'true',
        LOG_LEVEL: 'debug',
        MAX_ITEM_AGE: '12h',
        METRICS_PORT: '9464',
        METRICS_HOST: '0.0.0.0',
        RETENTION: '90d',
        SHARD_COUNT: '4',
        SHARD_IDS: '0, 2',
      },
      '/srv/crossover',
    );
    expect(config.discordApiBase).toBe('http://127.0.0.1:4000/api');
    expect(config.feedsFile).toBe(path.resolve('/srv/crossover', 'feeds.json'));
    expect(config.allowPrivateFeedHosts).toBe(true);
    expect(config.maxItemAgeMs).toBe(12 * 3_600_000);
    expect(config.store).toEqual({ kind: 'sqlite', file: '/tmp/x.sqlite' });
    expect(config.metrics).toEqual({ port: 9464, host: '0.0.0.0' });
    expect(config.retentionMs).toBe(90 * 86_400_000);
    expect(config.shards).toEqual({ count: 4, ids: [0, 2] });
  });

  it('serves metrics on 127.0.0.1 unless METRICS_HOST says otherwise, and lets Discord choose the shard count', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ DISCORD_TOKEN: 'abc.def.ghi', SHARD_COUNT: 'auto' }).shards).toEqual({ count: 'auto', ids: undefined });
  });

  it('reads a Postgres URL (also postgresql://) and never repeats its password', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://bot:s3cret@db.example:5432/crossover' });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgresql://bot:s3cret@db.example:5432/crossover', shown: 'postgresql://bot:***@db.example:5432/crossover' });
    const problems = problemsOf({ DATABASE_URL: 'postgres://bot:s3cret@db.example:5432/' });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL \("postgres:\/\/bot:\*\*\*@db\.example:5432\/"\): .*names no database/)]);
    expect(problems.join()).not.toContain('s3cret');
  });

  it('reports every bad key at once, each with what it should be', () => {
    const problems = problemsOf({
      DISCORD_TOKEN: '   secret-token  ',
      DISCORD_API_BASE: 'not a url',
      DISCORD_GUILD_ID: 'abc',
      DATABASE_URL: 'redis://localhost:6379',
      POLL_CRON: 'every ten minutes',
      ALLOW_PRIVATE_FEED_HOSTS: 'maybe',
      LOG_LEVEL: 'loud',
      MAX_ITEM_AGE: 'three days',
      METRICS_PORT: '99999',
      METRICS_HOST: 'http://example.com',
      RETENTION: '0d',
      SHARD_COUNT: 'many',
      SHARD_IDS: '0,x',
    });
    expect(problems.map((p) => p.split(/[ :]/)[0]).sort()).toEqual(
      [
        'ALLOW_PRIVATE_FEED_HOSTS', 'DATABASE_URL', 'DISCORD_API_BASE', 'DISCORD_GUILD_ID', 'LOG_LEVEL', 'MAX_ITEM_AGE',
        'METRICS_HOST', 'METRICS_PORT', 'POLL_CRON', 'RETENTION', 'SHARD_COUNT', 'SHARD_IDS',
      ].sort(),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'LOG_LEVEL ("loud"): must be one of fatal, error, warn, info, debug, trace, silent',
        'MAX_ITEM_AGE ("three days"): must be a duration such as 3d, 12h, 30m or 90s',
        'RETENTION ("0d"): must be longer than zero',
        'DATABASE_URL ("redis://localhost:6379"): "redis" is not a supported store: use sqlite://path/to/file.sqlite or postgres://user:password@host:port/database',
        'METRICS_PORT ("99999"): must be a port number from 1 to 65535',
        'SHARD_COUNT ("many"): must be "auto" or a whole number of shards, 1 or more',
      ]),
    );
  });

  it('wants MAX_ITEM_AGE longer than zero (0 would make nothing new)', () => {
    expect(problemsOf({ MAX_ITEM_AGE: '0' })).toEqual(['MAX_ITEM_AGE ("0"): must be longer than zero']);
  });

  it('checks keys against each other', () => {
    expect(problemsOf({ METRICS_HOST: '0.0.0.0' })).toEqual([expect.stringMatching(/^METRICS_HOST: is set but METRICS_PORT is not/)]);
    const token = 'abc.def.ghi';
    expect(problemsOf({ DISCORD_TOKEN: token, SHARD_IDS: '0' })).toEqual([expect.stringMatching(/^SHARD_IDS: needs SHARD_COUNT/)]);
    expect(problemsOf({ DISCORD_TOKEN: token, SHARD_COUNT: '2', SHARD_IDS: '1,2' })).toEqual(['SHARD_IDS: shard ids run from 0 to 1 with SHARD_COUNT=2']);
    expect(problemsOf({ DISCORD_TOKEN: token, SHARD_COUNT: '2', SHARD_IDS: '1,1' })).toEqual(['SHARD_IDS ("1,1"): names a shard twice']);
    expect(problemsOf({ DISCORD_TOKEN: token, SHARD_COUNT: 'auto', SHARD_IDS: '0' })).toEqual([expect.stringMatching(/^SHARD_IDS: needs a number for SHARD_COUNT: with "auto" each process/)]);
    expect(problemsOf({ SHARD_COUNT: '2' })).toEqual([expect.stringMatching(/^SHARD_COUNT: shards are connections to Discord, and without DISCORD_TOKEN/)]);
    expect(problemsOf({ RETENTION: '1d', MAX_ITEM_AGE: '3d' })).toEqual([expect.stringMatching(/^RETENTION: \(1d\) must be at least MAX_ITEM_AGE \(3d\)/)]);
  });

  it('refuses an in-memory store and an empty path', () => {
    expect(problemsOf({ DATABASE_URL: 'sqlite://:memory:' })).toEqual([expect.stringMatching(/needs a file path/)]);
    expect(problemsOf({ DATABASE_URL: 'sqlite://' })).toHaveLength(1);
  });

  it('lists the problems in one message', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud', POLL_CRON: 'x' })).toThrow(
      /^Crossover cannot start: 2 configuration problems\n {2}- POLL_CRON \("x"\): .*\n {2}- LOG_LEVEL \("loud"\): /,
    );
  });
});
