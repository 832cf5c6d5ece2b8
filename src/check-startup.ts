import type { Config } from './config';
import { ConfigError, parseConfig } from './config';
import { FeedListError, loadFeedList } from './feeds/feed-list';
import type { FeedSource } from './feeds/types';
import { checkSqliteStore } from './store/check-sqlite-store';
import { postgresNotSupported } from './store/open-keyv';

export interface Startup {
  config: Config;
  defaultFeeds: FeedSource[];
}

/**
 * Everything that must hold before Crossover starts, checked together so that one message lists
 * every problem (PRODUCT.md section 5): each environment key and the rules between them (the shard
 * settings among them), the feed list, and the store (this build can use it, and its file can be
 * created and written). Throws ConfigError with all of them.
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
  if (store?.kind === 'postgres') problems.push(`DATABASE_URL: ${postgresNotSupported(store.shown)}`);
  if (store?.kind === 'sqlite') {
    const problem = await checkSqliteStore(store.file, storeTimeoutMs);
    if (problem) problems.push(`DATABASE_URL: ${problem}`);
  }
  if (!config || problems.length > 0) throw new ConfigError(problems);
  return { config, defaultFeeds };
}
