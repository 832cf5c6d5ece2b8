import type { FeedError } from '../feeds/errors';
import type { FeedState } from '../feeds/poll';
import type { CycleSummary } from '../feeds/poll';
import type { FeedSource } from '../feeds/types';
import type { NewsItem } from '../news/item';
import { describeCycle, describeRetry } from './cycle-line';

/** Where console mode writes what it would post: readable text, or one JSON object per line. */
export interface ConsoleSink {
  item(item: NewsItem): void;
  /** One line per failing feed, saying when it is tried again. */
  feedError(feed: FeedSource, error: FeedError, state: FeedState): void;
  /** After each cycle (text mode only: the JSON events are the contract's three, the log says the rest). */
  cycle(summary: CycleSummary, nextPoll: Date | undefined): void;
  /** Any JSON-serialisable post event (see src/console/post-event.ts). */
  post(post: { text: string; json: Record<string, unknown> }): void;
}

export interface ConsoleSinkOptions {
  json: boolean;
  write?: (line: string) => void;
}

export function createConsoleSink({ json, write = (line) => process.stdout.write(`${line}\n`) }: ConsoleSinkOptions): ConsoleSink {
  const emit = (event: string, fields: Record<string, unknown>, text: string) =>
    write(json ? JSON.stringify({ event, ...fields }) : text);
  return {
    item(item) {
      emit(
        'item',
        { feed: item.feedUrl, key: item.key, link: item.link ?? null, title: item.title, published: item.published ?? null },
        formatItem(item),
      );
    },
    feedError(feed, error, state) {
      emit('feed_error', { feed: feed.url, name: feed.name, code: error.code, reason: error.message }, `! ${feed.name}: ${error.message} — ${describeRetry(state)}`);
    },
    cycle(summary, nextPoll) {
      if (!json) write(describeCycle(summary, nextPoll));
    },
    post(post) {
      emit('post', post.json, post.text);
    },
  };
}

function formatItem(item: NewsItem): string {
  const when = item.published ? ` · ${item.published.slice(0, 16).replace('T', ' ')} UTC` : '';
  const lines = [`• ${item.title}`, `  ${item.feedName}${when}`];
  if (item.link) lines.push(`  ${item.link}`);
  return lines.join('\n');
}
