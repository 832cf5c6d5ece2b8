import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DigestPost, Post, PostSource, StatusChangePost, StoryPost } from '../../posts/post';
import { dealName, earlierReportNote, otherSources, statusLabel } from '../../posts/post';
import { cut, fitEmbed, LIMITS, neutraliseMentions } from './limits';
import { joinWithin, markdownLink, safeUrl } from './text';
import { describeStatus, kindLabel, STATUS_STYLE } from './status-style';

const SUMMARY_CHARS = 500;
const TAKEAWAYS_SHOWN = 3;

export interface RenderOptions {
  /** The role this channel's subscription mentions; the only mention a post can make. */
  mentionRoleId?: string;
}

/** A post as a Discord message body: embeds within every limit, mentions restricted. */
export function renderPostMessage(post: Post, options: RenderOptions = {}): RESTPostAPIChannelMessageJSONBody {
  const embed = post.type === 'digest' ? digestEmbed(post) : dealEmbed(post);
  return {
    content: options.mentionRoleId ? `<@&${options.mentionRoleId}>` : undefined,
    embeds: [fitEmbed(embed)],
    allowed_mentions: { parse: [], roles: options.mentionRoleId ? [options.mentionRoleId] : [] },
  };
}

function dealEmbed(post: StoryPost | StatusChangePost): APIEmbed {
  const name = dealName(post.parties);
  const title =
    post.type === 'status_change'
      ? `${name}: ${post.from ? `${statusLabel(post.from)} → ` : ''}${statusLabel(post.status)}`
      : post.title;
  const summary = post.type === 'status_change' ? `**${clean(post.title)}**\n${clean(post.summary)}` : clean(post.summary);
  const description = post.laterStatus ? `*${earlierReportNote(post.laterStatus)}*\n${summary}` : summary;
  const fields = [
    { name: 'Status', value: describeStatus(post.status, post.unconfirmed), inline: true },
    { name: 'Deal', value: clean(name), inline: true },
  ];
  if (post.kinds.length > 0) fields.push({ name: 'Kind', value: post.kinds.map(kindLabel).join(', '), inline: true });
  const takeaways = post.takeaways.slice(0, TAKEAWAYS_SHOWN).map((t) => `• ${clean(t.text)}`);
  if (takeaways.length > 0) {
    fields.push({ name: 'What it means for artists', value: joinWithin(takeaways, LIMITS.fieldValue), inline: false });
  }
  const others = otherSources(post.sources);
  if (others.length > 0) {
    fields.push({ name: 'Also reported by', value: joinWithin(others.map(sourceLink), LIMITS.fieldValue), inline: false });
  }
  const outlet = post.sources[0]?.name ?? 'Crossover';
  return {
    title: cut(clean(title), LIMITS.title),
    url: safeUrl(post.link),
    description: cut(description, SUMMARY_CHARS),
    color: STATUS_STYLE[post.status].color,
    author: { name: cut(clean(name), LIMITS.author) },
    fields,
    footer: { text: `${clean(outlet)} · classifier confidence ${Math.round(post.confidence * 100)}%` },
    timestamp: post.published,
  };
}

function digestEmbed(post: DigestPost): APIEmbed {
  const lines = post.stories.map((story) => {
    const status = `${STATUS_STYLE[story.status].emoji} ${statusLabel(story.status)}${story.unconfirmed ? ' (unconfirmed)' : ''}`;
    return `• ${markdownLink(story.title, story.link, 150)} — ${status}`;
  });
  return {
    title: `${post.stories.length} more deal ${post.stories.length === 1 ? 'story' : 'stories'} this round`,
    description: joinWithin(lines, LIMITS.description),
    color: 0x5865f2,
  };
}

function sourceLink(source: PostSource): string {
  return markdownLink(source.name, source.link);
}

function clean(text: string): string {
  return neutraliseMentions(text.trim());
}
