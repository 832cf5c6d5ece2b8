import type { DealView } from '../../deals/deal-views';
import type { Takeaway } from '../../deals/takeaway-types';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { describeStatus, STATUS_STYLE } from './status-style';
import { feedText, joinWithin, markdownLink } from './text';

/** `/deal takeaways`: what the deal means for artists, each point citing where it comes from. */
export function renderTakeaways(deal: DealView, takeaways: readonly Takeaway[]): ReplyBody {
  const points = takeaways.map(takeawayLine);
  const body = points.length > 0
    ? joinWithin(points, LIMITS.description - 200, '\n\n')
    : 'The reports so far say too little about what this deal changes for artists to write anything grounded.';
  return {
    embeds: [
      fitEmbed({
        title: feedText(`${deal.label}: what it means for artists`, LIMITS.title),
        description: `Status: **${describeStatus(deal.status, deal.unconfirmed)}**\n\n${body}`,
        color: STATUS_STYLE[deal.status].color,
        footer: { text: 'Written from the reports only: no facts or figures they do not contain. Each point cites the report it comes from.' },
      }),
    ],
  };
}

/** "• point — [Outlet](link)"; a point with no source says it is a general one. */
export function takeawayLine(takeaway: Takeaway): string {
  const cite = takeaway.sourceLink || takeaway.sourceName
    ? `— ${markdownLink(takeaway.sourceName ?? 'source', takeaway.sourceLink, 80)}`
    : '*(general point)*';
  return `• ${feedText(takeaway.text, 400)} ${cite}`;
}
