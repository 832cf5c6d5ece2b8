import type { LaterStatus } from '../deals/timeline';
import type { Takeaway } from '../deals/takeaways';
import type { DealKind, DealStatus } from '../deals/types';
import { STATUS_WORDS } from '../deals/vocabulary';

/** What a post says, free of Discord: the console prints it, src/discord/embeds renders it. */
export interface PostSource {
  name: string;
  link?: string;
  published?: string;
}

interface DealPostFields {
  storyId: string;
  dealId: string;
  title: string;
  link?: string;
  summary: string;
  status: DealStatus;
  unconfirmed: boolean;
  parties: string[];
  kinds: DealKind[];
  confidence: number;
  /** Every outlet that reported the story, first one first. */
  sources: PostSource[];
  takeaways: Takeaway[];
  published?: string;
  /** The deal has moved on since this story (an earlier report): where it stands now. */
  laterStatus?: LaterStatus;
}

/** A new deal story. Edited in place ("Also reported by …") when more outlets report it. */
export interface StoryPost extends DealPostFields {
  type: 'story';
}

/** A deal moved to a new status ("Netflix × Spotify: in talks → announced"). */
export interface StatusChangePost extends DealPostFields {
  type: 'status_change';
  from: DealStatus | null;
}

/** One story named in a digest: its title and link, never cut. */
export interface DigestStory {
  title: string;
  link?: string;
  status: DealStatus;
  unconfirmed: boolean;
  parties: string[];
}

/** Stories over a channel's per-round cap, summed up in one message (as many as fit in it). */
export interface DigestPost {
  type: 'digest';
  stories: DigestStory[];
}

/**
 * Tells a server's admins that posting to a channel stopped: paused (the bot lost access; posts are
 * kept for `keptHours`, at most `keptMax` of them, and delivered on resume) or removed (the channel
 * is gone, and so is its subscription).
 */
export interface NoticePost {
  type: 'notice';
  outcome: 'paused' | 'removed';
  /** The channel posting stopped in. */
  channelId: string;
  reason: string;
  keptHours: number;
  keptMax: number;
}

export type Post = StoryPost | StatusChangePost | DigestPost | NoticePost;

/** A post about a deal story (not a digest or a notice). */
export type DealPost = StoryPost | StatusChangePost;

export function isDealPost(post: Post): post is DealPost {
  return post.type === 'story' || post.type === 'status_change';
}

/** "Netflix × Spotify" */
export function dealName(parties: string[]): string {
  return parties.join(' × ');
}

/**
 * The outlets after the first, each named once and never the first one again ("Also reported
 * by …" sits under a post whose footer already names the first outlet).
 */
export function otherSources(sources: PostSource[]): PostSource[] {
  const seen = new Set(sources.slice(0, 1).map((s) => s.name.trim().toLowerCase()));
  return sources.slice(1).filter((s) => {
    const key = s.name.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "An earlier report; the deal has since been announced." */
export function earlierReportNote(later: LaterStatus): string {
  return `An earlier report; the deal has since ${later.unconfirmed ? 'reportedly ' : ''}${STATUS_WORDS[later.status].since}.`;
}

/** What kind of post a story went out as; an edit with more sources keeps it. */
export interface PostStyle {
  type: 'story' | 'status_change';
  from?: DealStatus | null;
}

export function styleOf(post: Post): PostStyle | undefined {
  if (!isDealPost(post)) return undefined;
  return post.type === 'status_change' ? { type: 'status_change', from: post.from } : { type: 'story' };
}

/**
 * An update of a story (more sources) in the style its first post went out in: a story that moved
 * the deal ("in talks → announced") still says so after "Also reported by" is added.
 */
export function inStyle(update: Post, style: PostStyle | undefined): Post {
  if (update.type !== 'story' || style?.type !== 'status_change') return update;
  return { ...update, type: 'status_change', from: style.from ?? null };
}
