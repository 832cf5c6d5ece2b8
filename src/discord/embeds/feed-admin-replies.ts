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
    `${added.created ? '✅ Added' : '✅ Already followed; kept as'} **${markdownLink(added.feed.name, added.feed.url, 100)}**.`,
    added.title ? `Its title: ${feedText(added.title, 200)}` : undefined,
    `It has ${plural(added.itemCount, 'item')} right now; they were recorded as seen, so nothing was posted. New stories from it appear from the next poll, in this server only.`,
    added.finalUrl !== added.feed.url ? `(It redirects to ${feedText(added.finalUrl, 300)}.)` : undefined,
  ];
  return {
    embeds: [fitEmbed({ description: lines.filter((l): l is string => l !== undefined).join('\n'), color: BRAND_COLOR })],
  };
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
