import type { StatusChange } from '../timeline';
import { statusChangeFor } from '../timeline';
import { viewStory } from './story-sources';
import type { TrackPlan } from './track-item';
import type { Scope, Story } from '../tracking-types';

/** What one tracked item means for one scope (one server): what delivery may post there. */
export interface ScopedTrackEvents {
  /** The story as this scope sees it; undefined when the item's feed is outside the scope. */
  story?: Story;
  /**
   * `new_story`: the item is the first source this scope sees of the story, back catalogue aside (post it);
   * `new_source`: the scope already saw the story, and this item is another outlet (edit the post);
   * null: nothing to post here (outside the scope, back catalogue, or the same article through another feed).
   */
  storyEvent: 'new_story' | 'new_source' | null;
  /** The deal's status as this scope sees it moved ("in talks → announced"). */
  statusChange: StatusChange | null;
}

/**
 * A back-catalogue report posts nothing; it is history. A story known only from the back catalogue
 * was never posted, so its first report after that is a new story (listing the earlier sources).
 */
export function trackEventsFor(result: Pick<TrackPlan, 'story' | 'deal' | 'entry'>, scope: Scope): ScopedTrackEvents {
  const { entry } = result;
  if (!scope(entry) || entry.backlog) return { storyEvent: null, statusChange: null };
  const story = viewStory(result.story, scope, result.deal.parties);
  const statusChange = statusChangeFor(result.deal, entry, scope);
  if (story === undefined) return { storyEvent: null, statusChange };
  const posted = story.sources.filter((s) => !s.backlog);
  const asSource = posted.some((s) => s.itemId === entry.itemId);
  const storyEvent = !asSource ? null : posted.length === 1 ? 'new_story' : 'new_source';
  return { story, storyEvent, statusChange };
}
