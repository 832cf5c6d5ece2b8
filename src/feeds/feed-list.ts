import fs from 'node:fs';
import { z } from 'zod';
import bundledFeeds from './default-feeds.json';
import type { FeedSource } from './types';

const feedListSchema = z
  .array(
    z.object({
      name: z.string({ error: 'needs a "name"' }).trim().min(1, 'needs a "name"').max(100, 'has a "name" longer than 100 characters'),
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
    }),
  )
  .max(5000);

export class FeedListError extends Error {
  constructor(readonly file: string | undefined, readonly detail: string) {
    super(`${file === undefined ? 'the bundled feed list' : file}: ${detail}`);
    this.name = 'FeedListError';
  }
}

/**
 * The default feeds: the JSON array of {name, url} in `file` (FEEDS_FILE), or the curated list
 * bundled with the code (src/feeds/default-feeds.json). Duplicate URLs keep their first name.
 * Throws FeedListError saying what is wrong: the file cannot be read, is not JSON, or which entries are bad.
 */
export function loadFeedList(file?: string): FeedSource[] {
  let raw: unknown = bundledFeeds;
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new FeedListError(file, `cannot be read (${describeFsError(error)})`);
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new FeedListError(file, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const result = feedListSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.length > 0 ? `entry ${issue.path.join('.')}` : 'the list'}: ${issue.message}`);
    const more = result.error.issues.length > 5 ? `; and ${result.error.issues.length - 5} more` : '';
    throw new FeedListError(file, `is not a JSON array of {"name": "…", "url": "https://…"}: ${problems.join('; ')}${more}`);
  }
  return [...new Map(result.data.map((feed) => [feed.url, feed])).values()];
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
