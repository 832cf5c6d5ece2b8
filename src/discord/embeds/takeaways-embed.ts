import type { DealView } from '../../deals/stories';
import type { Takeaway } from '../../deals/takeaways';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { describeStatus, STATUS_WORDS } from '../../deals/vocabulary';
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
        color: STATUS_WORDS[deal.status].color,
        footer: { text: 'No facts or figures the reports do not contain. A point from a report cites it; background points are general and cite nothing.' },
      }),
    ],
  };
}

/** "• point — [Outlet](link)"; a background point (labelled so in its text) cites nothing. */
export function takeawayLine(takeaway: Takeaway): string {
  const cite = takeaway.sourceLink || takeaway.sourceName ? ` — ${markdownLink(takeaway.sourceName ?? 'source', takeaway.sourceLink, 80)}` : '';
  return `• ${feedText(takeaway.text, 400)}${cite}`;
}
