import type { FeedState } from '../../feeds/feed-health';
import type { FeedSource } from '../../feeds/types';
import { fitEmbed } from './limits';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { discordTime, feedText, joinWithin, markdownLink, plural } from './text';

export interface FeedHealthRow {
  feed: FeedSource;
  state: FeedState;
}

/** Room for each section, so that both embeds together stay under the 6000-character total. */
const SERVER_SECTION_CHARS = 3600;
const DEFAULT_SECTION_CHARS = 2000;

/** `/feeds list`: this server's feeds, then the operator's defaults, each with its health. */
export function renderFeedList(serverFeeds: FeedHealthRow[], defaultFeeds: FeedHealthRow[], maxServerFeeds: number): ReplyBody {
  const serverLines = serverFeeds.map(feedLine);
  const server = fitEmbed({
    title: `This server's feeds (${serverFeeds.length}/${maxServerFeeds})`,
    description:
      serverLines.length > 0
        ? joinWithin(serverLines, SERVER_SECTION_CHARS)
        : 'None yet. Add one with `/feeds add url:`; stories from it appear only in this server.',
    color: BRAND_COLOR,
  });
  const defaults = fitEmbed({
    title: `Default feeds (${defaultFeeds.length}, chosen by the bot's operator)`,
    description: defaultFeeds.length > 0 ? joinWithin(defaultFeeds.map(feedLine), DEFAULT_SECTION_CHARS) : 'None.',
    color: BRAND_COLOR,
    footer: { text: 'Failing feeds are retried with backoff (5 min × 2ⁿ); a feed is disabled after 10 failures in a row or when it is gone.' },
  });
  return { embeds: [server, defaults] };
}

/** Two lines: the feed (linked) and its health. */
export function feedLine({ feed, state }: FeedHealthRow): string {
  return `**${markdownLink(feed.name, feed.url, 80)}**\n${describeHealth(state)}`;
}

export function describeHealth(state: FeedState): string {
  if (state.disabled) {
    const why = state.disabledReason ? `: ${feedText(state.disabledReason, 200)}` : '';
    const next = state.nextPollAt ? ` Tried again ${discordTime(state.nextPollAt)}; it comes back by itself once it answers.` : '';
    return `⛔ Disabled${why}.${next}`;
  }
  const parts: string[] = [];
  if (state.consecutiveFailures > 0) {
    const last = state.lastError ? ` (last: ${feedText(state.lastError.message, 160)})` : '';
    parts.push(`⚠️ ${plural(state.consecutiveFailures, 'failure')} in a row${last}`);
    if (state.lastSuccessAt) parts.push(`last success ${discordTime(state.lastSuccessAt)}`);
  } else if (state.lastSuccessAt) {
    parts.push(`✅ last success ${discordTime(state.lastSuccessAt)}`);
  } else if (state.lastFailureAt) {
    const last = state.lastError ? `: ${feedText(state.lastError.message, 160)}` : '';
    parts.push(`⚠️ rate limited or failing${last}`);
  } else {
    parts.push('⏳ not polled yet');
  }
  if (state.lastItemCount !== undefined) parts.push(plural(state.lastItemCount, 'item'));
  parts.push(state.nextPollAt ? `next poll ${discordTime(state.nextPollAt)}` : 'next poll on the next cycle');
  return parts.join(' · ');
}
