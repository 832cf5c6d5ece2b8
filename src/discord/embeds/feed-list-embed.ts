import type { FeedState } from '../../feeds/poll';
import { isOffWhileGuarded } from '../../feeds/poll';
import type { FeedSource } from '../../feeds/types';
import { fitEmbed, LIMITS } from './limits';
import { pagingRow } from './paging';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { discordTime, feedText, joinWithin, markdownLink, plural } from './text';

export interface FeedHealthRow {
  feed: FeedSource;
  state: FeedState;
}

/** Feeds per page of `/feeds list` (two lines each, so a full page stays far below Discord's limits). */
export const FEED_PAGE_SIZE = 10;

export interface FeedListPage {
  serverFeeds: FeedHealthRow[];
  defaultFeeds: FeedHealthRow[];
  maxServerFeeds: number;
  /** 0-based; past the end it shows the last page. */
  page: number;
}

/**
 * `/feeds list`: this server's feeds, then the operator's defaults, each with its health, one page
 * at a time with Previous/Next (the button's custom id is `feeds:list:<page>`).
 */
export function renderFeedList(list: FeedListPage): ReplyBody {
  const own = list.serverFeeds.map((row) => ({ row, own: true }));
  const all = [...own, ...list.defaultFeeds.map((row) => ({ row, own: false }))];
  const pages = feedPageCount(all.length);
  const page = Math.min(Math.max(0, list.page), pages - 1);
  const shown = all.slice(page * FEED_PAGE_SIZE, (page + 1) * FEED_PAGE_SIZE);
  const sections: string[] = [];
  const ownShown = shown.filter((s) => s.own).map((s) => feedLine(s.row));
  const defaultsShown = shown.filter((s) => !s.own).map((s) => feedLine(s.row));
  if (page === 0 || ownShown.length > 0) {
    sections.push(
      `**This server's feeds (${list.serverFeeds.length}/${list.maxServerFeeds})**\n` +
        (ownShown.length > 0 ? ownShown.join('\n') : 'None yet. Add one with `/feeds add url:`; stories from it appear only in this server.'),
    );
  }
  if (defaultsShown.length > 0 || (page === pages - 1 && list.defaultFeeds.length === 0)) {
    sections.push(
      `**Default feeds (${list.defaultFeeds.length}, chosen by the bot's operator)**\n${defaultsShown.length > 0 ? defaultsShown.join('\n') : 'None.'}`,
    );
  }
  const embed = fitEmbed({
    title: 'Feeds this server reads',
    description: joinWithin(sections, LIMITS.description, '\n\n'),
    color: BRAND_COLOR,
    footer: {
      text: `Page ${page + 1} of ${pages} · ${plural(all.length, 'feed')} · failing feeds are retried with backoff (5 min × 2ⁿ); one is disabled after 10 failures in a row or when it is gone`,
    },
  });
  return { embeds: [embed], components: pages > 1 ? [pagingRow(page, pages, feedListCustomId)] : [] };
}

export function feedPageCount(feeds: number): number {
  return Math.max(1, Math.ceil(feeds / FEED_PAGE_SIZE));
}

export function feedListCustomId(page: number): string {
  return `feeds:list:${page}`;
}

/** The page a `feeds:list:<page>` button asks for, or undefined for a button of another shape. */
export function parseFeedListArgs(args: readonly string[]): number | undefined {
  const [sub, page] = args;
  return sub === 'list' && page !== undefined && /^\d{1,6}$/.test(page) ? Number(page) : undefined;
}

/** Two lines: the feed (linked) and its health. */
export function feedLine({ feed, state }: FeedHealthRow): string {
  return `**${markdownLink(feed.name, feed.url, 80)}**\n${describeHealth(state)}`;
}

export function describeHealth(state: FeedState): string {
  if (isOffWhileGuarded(state)) {
    const why = state.lastError ? `${feedText(state.lastError.message, 200)}. ` : '';
    return `⛔ Off: ${why}It stays off while the bot's operator does not allow private addresses (it is not tried again until then).`;
  }
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
