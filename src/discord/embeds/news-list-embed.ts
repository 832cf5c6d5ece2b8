import type { Story } from '../../deals/tracking-types';
import { dealName } from '../../posts/post';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { describeStatus, kindLabel } from '../../deals/vocabulary';
import { discordTime, feedText, joinWithin, markdownLink } from './text';

/** `/news latest` and `/news search`: stories, newest first, each with its deal, status and outlets. */
export function renderStoryList(title: string, stories: readonly Story[], emptyText: string): ReplyBody {
  return {
    embeds: [
      fitEmbed({
        title: feedText(title, LIMITS.title),
        description: stories.length > 0 ? joinWithin(stories.map(storyLine), LIMITS.description, '\n\n') : emptyText,
        color: BRAND_COLOR,
        footer: stories.length > 0 ? { text: '/deal status for where a deal stands now' } : undefined,
      }),
    ],
  };
}

/** "**[headline](link)**\nNetflix × Spotify · 🤝 In talks · Live events\nOutlet, date · +2 outlets" */
export function storyLine(story: Story): string {
  const first = story.sources[0];
  const headline = markdownLink(story.title, first?.link, 200);
  const kinds = story.kinds.length > 0 ? ` · ${story.kinds.slice(0, 3).map(kindLabel).join(', ')}` : '';
  const outlets = story.sources.length > 1 ? ` · +${story.sources.length - 1} more ${story.sources.length === 2 ? 'outlet' : 'outlets'}` : '';
  const outlet = first ? `${feedText(first.feedName, 60)}, ${discordTime(first.published ?? first.at, 'R')}` : discordTime(story.firstSeen, 'R');
  return `**${headline}**\n${feedText(dealName(story.parties), 150)} · ${describeStatus(story.status, story.unconfirmed)}${kinds}\n${outlet}${outlets}`;
}
