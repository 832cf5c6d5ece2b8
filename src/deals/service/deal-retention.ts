import { pruneStorySources } from '../stories';
import type { Story } from '../tracking-types';
import type { DealNamespaces, DealRevision } from './deal-namespaces';
import { readStories, writeStories } from './deal-parts';
import { bumpRevision } from './deal-revision';

export interface StoryPruneResult {
  /** Stories whose old sources went. */
  stories: Story[];
  revisions?: { before: DealRevision; after: DealRevision };
}

/**
 * Retention over the stories of one directory bucket (a sixty-fourth of the deals): the stories with
 * a report before `beforeMs` and one since `sinceMs` (older ones were trimmed by an earlier pass) are
 * read and trimmed (deals/stories/prune-story.ts) in one write, with one revision so that every cache
 * follows. Which stories those are, the deals' heads say (their story references' first and last
 * times): their timelines are not read. Deals are never changed. Must run inside the deal store's writer.
 */
export async function pruneStoriesOfBucket(ns: DealNamespaces, bucket: string, beforeMs: number, sinceMs: number): Promise<StoryPruneResult> {
  const candidates = new Set<string>();
  for (const deal of await ns.deals.getMany((await ns.directory.get(bucket)) ?? [])) {
    for (const ref of deal?.stories ?? []) {
      if (Date.parse(ref.firstAt) < beforeMs && !(Date.parse(ref.lastAt) < sinceMs)) candidates.add(ref.id);
    }
  }
  if (candidates.size === 0) return { stories: [] };
  const changes = (await readStories(ns, [...candidates])).flatMap((story) => {
    const trimmed = story === undefined ? undefined : pruneStorySources(story, beforeMs);
    return trimmed === undefined ? [] : [{ before: story, after: trimmed }];
  });
  const stories = changes.map((change) => change.after);
  if (stories.length === 0) return { stories };
  await writeStories(ns, changes);
  return { stories, revisions: await bumpRevision(ns, { deals: [], stories: stories.map((s) => s.id) }) };
}
