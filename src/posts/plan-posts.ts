import { createHash } from 'node:crypto';
import { takeawaysForSources } from '../deals/takeaways';
import { trackEventsFor } from '../deals/stories';
import type { TrackPlan } from '../deals/stories';
import type { LaterStatus } from '../deals/timeline';
import { laterStatusThan } from '../deals/timeline';
import type { DealEntry, DealRecord, Scope, Story } from '../deals/tracking-types';
import type { Subscription } from './subscription-store';
import type { OutboxEntry } from './outbox';
import type { StatusChangePost, StoryPost } from './post';

/** A channel that may get posts, and what its server may see. */
export interface Audience {
  subscription: Subscription;
  scope: Scope;
}

/**
 * What one tracked item means for each subscribed channel, decided per server's view (scope):
 * - the first source of a story that server can see → a new post (styled as a status change when
 *   the story moves the deal's status, e.g. in talks → announced);
 * - another outlet reporting a story already visible → an edit of that post ("Also reported by");
 * - a later source of a known story that moves the deal's status → a status-change post.
 * Filters (parties, kinds, statuses, minimum confidence) apply to new posts. `latest` is the deal as
 * it is by the time the posts go out (after the rest of the cycle's items): when another story has
 * moved it on since this one, the post says so, and its takeaways speak of where the deal stands now.
 */
export function planPosts(tracked: TrackPlan, audiences: readonly Audience[], now: Date, latest: DealRecord = tracked.deal): OutboxEntry[] {
  // An item handed over again after a crash plans the same entries with the same ids (the outbox
  // ignores what it already queued or sent), so a crash between tracking and queueing loses nothing.
  return audiences.flatMap((audience) => planForAudience(tracked, audience, now, latest));
}

function planForAudience(tracked: TrackPlan, { subscription, scope }: Audience, now: Date, latest: DealRecord): OutboxEntry[] {
  const { entry, deal } = tracked;
  const events = trackEventsFor(tracked, scope);
  const story = events.story;
  if (!story || (!events.storyEvent && !events.statusChange)) return [];
  // A deal's first report is a new story, not a change.
  const change = events.statusChange?.from ? events.statusChange : null;
  const base = {
    guildId: subscription.guildId,
    channelId: subscription.channelId,
    mentionRoleId: subscription.mentionRoleId,
    openThread: subscription.threads,
    createdAt: now.toISOString(),
    attempts: 0,
    nextAttemptAt: now.toISOString(),
  };
  // A post tells its story as that story's reports do (a talks story stays "in talks" even when a
  // signed deal came in the same round); the deal's move is a status-change post of its own.
  const post = storyPost(story, entry, laterStatusThan(latest, story, scope));
  const wanted = passesFilters(subscription, story, story.status, entry);

  if (events.storyEvent === 'new_story') {
    if (!wanted) return [];
    const first = change ? statusChange(post, change.from) : post;
    return [{ ...base, id: entryId(subscription.channelId, 'story', story.id), action: 'send', post: first }];
  }
  const planned: OutboxEntry[] = [];
  if (events.storyEvent === 'new_source') {
    planned.push({
      ...base,
      id: entryId(subscription.channelId, 'edit', story.id),
      action: 'edit',
      sendId: entryId(subscription.channelId, 'story', story.id),
      post,
    });
  }
  if (change && wanted) {
    planned.push({
      ...base,
      id: entryId(subscription.channelId, 'status', deal.id, entry.itemId),
      action: 'send',
      post: statusChange(post, change.from),
      openThread: false,
    });
  }
  return planned;
}

function storyPost(story: Story, entry: DealEntry, later: LaterStatus | null): StoryPost {
  const first = story.sources[0];
  // An earlier report's takeaways speak with the certainty of where the deal stands now.
  const asOfNow = later === null ? story.sources : story.sources.map((s) => ({ ...s, status: later.status, unconfirmed: later.unconfirmed }));
  return {
    type: 'story',
    storyId: story.id,
    dealId: story.dealId,
    title: story.title,
    link: first?.link,
    summary: first?.summary ?? '',
    status: story.status,
    unconfirmed: story.unconfirmed,
    parties: story.parties,
    kinds: story.kinds,
    confidence: Math.max(...story.sources.map((s) => s.confidence), entry.confidence),
    sources: story.sources.map((s) => ({ name: s.feedName, link: s.link, published: s.published })),
    takeaways: takeawaysForSources(asOfNow, later?.status ?? story.status),
    published: first?.published ?? first?.at,
    ...(later === null ? {} : { laterStatus: later }),
  };
}

function statusChange(post: StoryPost, from: StatusChangePost['from']): StatusChangePost {
  return { ...post, type: 'status_change', from };
}

function passesFilters(subscription: Subscription, story: Story, status: StoryPost['status'], entry: DealEntry): boolean {
  const lower = (list: readonly string[]) => list.map((s) => s.toLowerCase());
  if (subscription.parties.length > 0) {
    const parties = new Set(lower(story.parties));
    if (!lower(subscription.parties).some((p) => parties.has(p))) return false;
  }
  if (subscription.kinds.length > 0 && !story.kinds.some((k) => subscription.kinds.includes(k))) return false;
  if (subscription.statuses.length > 0 && !subscription.statuses.includes(status)) return false;
  return entry.confidence >= subscription.minConfidence;
}

/** Deterministic, channel-specific (Discord deduplicates nonces per author), 24 characters. */
export function entryId(channelId: string, ...parts: string[]): string {
  return createHash('sha256').update([channelId, ...parts].join('\n')).digest('base64url').slice(0, 24);
}
