import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/crossover');
    expect(config).toEqual({
      discordToken: undefined,
      discordApiBase: undefined,
      discordGuildId: undefined,
      databaseUrl: 'sqlite://data/crossover.sqlite',
      feedsFile: undefined,
      pollCron: '*/10 * * * *',
      allowPrivateFeedHosts: false,
      logLevel: 'info',
      maxItemAgeMs: 3 * 86_400_000,
    });
  });

  it('treats empty values as unset, as in a copied .env.example', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', LOG_LEVEL: '  ' }).logLevel).toBe('info');
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
      },
      '/srv/crossover',
    );
    expect(config.discordApiBase).toBe('http://127.0.0.1:4000/api');
    expect(config.feedsFile).toBe(path.resolve('/srv/crossover', 'feeds.json'));
    expect(config.allowPrivateFeedHosts).toBe(true);
    expect(config.maxItemAgeMs).toBe(12 * 3_600_000);
  });

  it('reports every bad key at once', () => {
    let error: unknown;
    try {
      loadConfig({
        DISCORD_API_BASE: 'not a url',
        DISCORD_GUILD_ID: 'abc',
        ALLOW_PRIVATE_FEED_HOSTS: 'maybe',
        LOG_LEVEL: 'loud',
        MAX_ITEM_AGE: 'three days',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(
      ['ALLOW_PRIVATE_FEED_HOSTS', 'DISCORD_API_BASE', 'DISCORD_GUILD_ID', 'LOG_LEVEL', 'MAX_ITEM_AGE'].sort(),
    );
  });

  it('rejects a schedule node-cron cannot run', () => {
    expect(() => loadConfig({ POLL_CRON: 'every ten minutes' })).toThrow(/POLL_CRON/);
  });
});
