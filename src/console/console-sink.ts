import type { FeedError } from '../feeds/errors';
import type { FeedSource } from '../feeds/types';
import type { NewsItem } from '../news/item';

/** Where console mode writes what it would post: readable text, or one JSON object per line. */
export interface ConsoleSink {
  item(item: NewsItem): void;
  feedError(feed: FeedSource, error: FeedError): void;
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
    feedError(feed, error) {
      emit('feed_error', { feed: feed.url, name: feed.name, code: error.code, reason: error.message }, `! ${feed.name}: ${error.message}`);
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
