import type { FeedFormat, FeedSource } from '../../feeds/types';
import { fitEmbed } from './limits';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { feedText, markdownLink, plural } from './text';

export interface FeedAdded {
  feed: FeedSource;
  /** False when the server already had this URL (then only its name may have changed). */
  created: boolean;
  format: FeedFormat;
  title?: string;
  itemCount: number;
  finalUrl: string;
}

/** `/feeds add`: what was added, and the promise that adding it posts nothing. */
export function renderFeedAdded(added: FeedAdded): ReplyBody {
  const lines = [
    `${added.created ? '✅ Added' : '✅ Already followed, as'} **${markdownLink(added.feed.name, added.feed.url, 100)}**.`,
    added.title ? `Its title: ${feedText(added.title, 200)}` : undefined,
    `${describeItemsSeen(added.itemCount)} New stories from it appear from the next poll, in this server only.`,
    added.finalUrl !== added.feed.url ? `(It redirects to ${feedText(added.finalUrl, 300)}.)` : undefined,
  ];
  return {
    embeds: [fitEmbed({ description: lines.filter((l): l is string => l !== undefined).join('\n'), color: BRAND_COLOR })],
  };
}

/** What adding did with the items the feed has now: "It has 1 item right now; it was recorded as seen, …". */
export function describeItemsSeen(count: number): string {
  if (count === 0) return 'It has no items right now.';
  const recorded = count === 1 ? 'it was recorded' : 'they were recorded';
  return `It has ${plural(count, 'item')} right now; ${recorded} as seen, so nothing was posted.`;
}

/** `/feeds remove`. */
export function renderFeedRemoved(feed: FeedSource): ReplyBody {
  return {
    embeds: [
      fitEmbed({
        description: `🗑️ Removed **${markdownLink(feed.name, feed.url, 100)}**. Nothing new from it will be posted here; posts already made stay.`,
        color: BRAND_COLOR,
      }),
    ],
  };
}
