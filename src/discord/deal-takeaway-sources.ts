import type { DealView } from '../deals/stories';
import { takeawaysForSources } from '../deals/takeaways';
import type { Takeaway } from '../deals/takeaways';
import type { Scope, StorySource } from '../deals/tracking-types';
import type { DealQueries } from './command-context';

/** How many of the current chapter's stories (latest first) `/deal takeaways` reads. */
export const TAKEAWAY_STORIES = 6;
export const TAKEAWAYS_SHOWN = 4;

/**
 * A deal's takeaways as one server sees it: from the sources of its latest stories in the current
 * chapter (older chapters are another subject), each point citing its source.
 */
export async function writeTakeawaysFor(deals: DealQueries, scope: Scope, deal: DealView): Promise<Takeaway[]> {
  const timeline = await deals.getTimeline(scope, deal.id);
  const chapter = timeline?.chapters.find((c) => c.chapter === deal.chapter) ?? timeline?.chapters.at(-1);
  if (!chapter) return [];
  const itemIds = new Set(chapter.entries.map((e) => e.itemId));
  const storyIds = [...new Set([...chapter.entries].reverse().map((e) => e.storyId))].slice(0, TAKEAWAY_STORIES);
  const stories = await Promise.all(storyIds.map((id) => deals.getStory(scope, id)));
  const sources: StorySource[] = stories
    .flatMap((story) => story?.sources ?? [])
    .filter((source) => itemIds.has(source.itemId))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return takeawaysForSources(sources, deal.status, TAKEAWAYS_SHOWN);
}
