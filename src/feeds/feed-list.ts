import fs from 'node:fs';
import { z } from 'zod';
import bundledFeeds from './default-feeds.json';
import type { FeedSource } from './types';

const feedListSchema = z
  .array(
    z.object({
      name: z.string().trim().min(1).max(100),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    }),
  )
  .max(5000);

export class FeedListError extends Error {
  constructor(file: string, detail: string) {
    super(`feed list ${file}: ${detail}`);
    this.name = 'FeedListError';
  }
}

/**
 * The default feeds: the JSON array of {name, url} in `file` (FEEDS_FILE), or the curated list
 * bundled with the code (src/feeds/default-feeds.json). Duplicate URLs keep their first name.
 */
export function loadFeedList(file?: string): FeedSource[] {
  let raw: unknown = bundledFeeds;
  if (file !== undefined) {
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new FeedListError(file, error instanceof Error ? error.message : String(error));
    }
  }
  const result = feedListSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `[${issue.path.join('.')}] ${issue.message}`);
    throw new FeedListError(file ?? 'bundled', problems.join('; '));
  }
  return [...new Map(result.data.map((feed) => [feed.url, feed])).values()];
}
