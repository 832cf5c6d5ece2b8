import type { DealView } from '../../deals/stories';
import type { DealEntry } from '../../deals/tracking-types';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { describeStatus, kindLabel, STATUS_WORDS } from '../../deals/vocabulary';
import { discordTime, feedText, joinWithin, markdownLink, plural } from './text';
import { watchNext } from './watch-next';

export const UNCONFIRMED_NOTE = 'Unconfirmed: the reports are hedged ("reportedly", "according to sources") and no party has confirmed it.';

/** `/deal status`: where a deal stands, as this server sees it. */
export function renderDealStatus(deal: DealView): ReplyBody {
  const status = `**${describeStatus(deal.status, deal.unconfirmed)}** since ${discordTime(deal.since, 'D')} (${discordTime(deal.since)})`;
  const chapter = deal.chapter > 1 ? `\nChapter ${deal.chapter} of this deal's history, which began ${discordTime(deal.chapterStartedAt, 'D')}.` : '';
  const lines = [status + chapter];
  if (deal.unconfirmed) lines.push(UNCONFIRMED_NOTE);
  return {
    embeds: [
      fitEmbed({
        title: feedText(deal.label, LIMITS.title),
        description: lines.join('\n'),
        color: STATUS_WORDS[deal.status].color,
        fields: [
          { name: 'Parties', value: feedText(deal.parties.join(', '), 1000) || 'unknown', inline: true },
          { name: 'Kinds', value: deal.kinds.length > 0 ? deal.kinds.map(kindLabel).join(', ') : 'not stated', inline: true },
          { name: 'Activity', value: `${plural(deal.reports, 'report')} in ${plural(deal.stories, 'story', 'stories')}\nlatest ${discordTime(deal.lastActivity)}`, inline: true },
          { name: 'Latest sources', value: joinWithin(deal.latest.map(sourceLine), LIMITS.fieldValue) || 'none' },
          { name: 'What to watch for next', value: watchNext(deal.status, deal.unconfirmed) },
        ],
        footer: { text: '/deal timeline for every change · /deal takeaways for what it means for artists' },
      }),
    ],
  };
}

/** "• [headline](link) — Outlet, date · status" */
export function sourceLine(entry: DealEntry): string {
  const style = STATUS_WORDS[entry.status];
  return `• ${markdownLink(entry.title, entry.link, 110)} — ${feedText(entry.sourceName, 60)}, ${discordTime(entry.at, 'D')} · ${style.emoji} ${style.label}${entry.unconfirmed ? ' (unconfirmed)' : ''}`;
}

