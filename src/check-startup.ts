import type { Config } from './config';
import { ConfigError, parseConfig } from './config';
import { FeedListError, loadFeedList } from './feeds/feed-list';
import type { FeedSource } from './feeds/types';
import { checkSqliteStore } from './store/check-sqlite-store';
import { checkPostgresStore } from './store/postgres/check-postgres-store';

export interface Startup {
  config: Config;
  defaultFeeds: FeedSource[];
}

/**
 * Everything that must hold before Crossover starts, checked together so that one message lists
 * every problem (PRODUCT.md section 5): each environment key and the rules between them (the shard
 * settings among them), the feed list, and the store (its SQLite file can be created and written;
 * its Postgres server answers, lets Crossover's user in and takes its tables). Throws ConfigError
 * with all of them.
 */
export async function checkStartup(env: NodeJS.ProcessEnv, cwd = process.cwd(), storeTimeoutMs?: number): Promise<Startup> {
  const { config, problems, values } = parseConfig(env, cwd);
  let defaultFeeds: FeedSource[] = [];
  if (!problems.some((p) => p.startsWith('FEEDS_FILE'))) {
    try {
      defaultFeeds = loadFeedList(values.feedsFile);
    } catch (error) {
      if (!(error instanceof FeedListError)) throw error;
      problems.push(`FEEDS_FILE${error.file === undefined ? '' : ` (${error.file})`}: ${error.file === undefined ? error.message : error.detail}`);
    }
  }
  const store = values.store;
  if (store !== undefined) {
    const problem = store.kind === 'postgres' ? await checkPostgresStore(store.url, store.shown, storeTimeoutMs) : await checkSqliteStore(store.file, storeTimeoutMs);
    if (problem) problems.push(`DATABASE_URL: ${problem}`);
  }
  if (!config || problems.length > 0) throw new ConfigError(problems);
  return { config, defaultFeeds };
}
