import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DealPost, DigestPost, DigestStory, PostSource } from '../../posts/post';
import { dealName, earlierReportNote, otherSources } from '../../posts/post';
import { cut, embedLength, fitEmbed, LIMITS, neutraliseMentions } from './limits';
import { inertText, joinWithin, markdownLink, MAX_EMBED_URL, safeUrl } from './text';
import { describeStatus, kindLabel, STATUS_WORDS, statusLabel } from '../../deals/vocabulary';

const SUMMARY_CHARS = 500;
const TAKEAWAYS_SHOWN = 3;
const OUTLET_CHARS = 200;
const DIGEST_TITLE_CHARS = 150;

export interface RenderOptions {
  /** The role this channel's subscription mentions; the only mention a post can make. */
  mentionRoleId?: string;
  /** The post's reference (postRef of its send), shown in the footer so the bot can find its own post. */
  ref?: string;
}

/** A post or a digest as a Discord message body: embeds within every limit, mentions restricted. */
export function renderPostMessage(post: DealPost | DigestPost, options: RenderOptions = {}): RESTPostAPIChannelMessageJSONBody {
  const embed = post.type === 'digest' ? digestEmbed(post, options.ref) : dealEmbed(post, options.ref);
  return {
    content: options.mentionRoleId ? `<@&${options.mentionRoleId}>` : undefined,
    embeds: [fitEmbed(embed)],
    allowed_mentions: { parse: [], roles: options.mentionRoleId ? [options.mentionRoleId] : [] },
  };
}

/** "… · ref AbC123": the footer ending by which the bot recognises a post of its own. */
export function refSuffix(ref: string): string {
  return ` · ref ${ref}`;
}

function dealEmbed(post: DealPost, ref: string | undefined): APIEmbed {
  const name = dealName(post.parties);
  const title =
    post.type === 'status_change'
      ? `${name}: ${post.from ? `${statusLabel(post.from)} → ` : ''}${statusLabel(post.status)}`
      : post.title;
  const summary = post.type === 'status_change' ? `**${inert(post.title)}**\n${inert(post.summary)}` : inert(post.summary);
  const description = post.laterStatus ? `*${earlierReportNote(post.laterStatus)}*\n${summary}` : summary;
  const fields = [
    { name: 'Status', value: describeStatus(post.status, post.unconfirmed), inline: true },
    { name: 'Deal', value: inert(name), inline: true },
  ];
  if (post.kinds.length > 0) fields.push({ name: 'Kind', value: post.kinds.map(kindLabel).join(', '), inline: true });
  const takeaways = post.takeaways.slice(0, TAKEAWAYS_SHOWN).map((t) => `• ${inert(t.text)}`);
  if (takeaways.length > 0) {
    fields.push({ name: 'What it means for artists', value: joinWithin(takeaways, LIMITS.fieldValue), inline: false });
  }
  const others = otherSources(post.sources);
  if (others.length > 0) {
    fields.push({ name: 'Also reported by', value: joinWithin(others.map(sourceLink), LIMITS.fieldValue), inline: false });
  }
  const outlet = cut(neutraliseMentions(post.sources[0]?.name ?? 'Crossover'), OUTLET_CHARS);
  return {
    title: cut(inert(title), LIMITS.title),
    url: safeUrl(post.link, MAX_EMBED_URL),
    description: cut(description, SUMMARY_CHARS),
    color: STATUS_WORDS[post.status].color,
    author: { name: cut(neutraliseMentions(name), LIMITS.author) },
    fields,
    footer: { text: `${outlet} · classifier confidence ${Math.round(post.confidence * 100)}%${ref ? refSuffix(ref) : ''}` },
    timestamp: post.published,
  };
}

function digestEmbed(post: DigestPost, ref: string | undefined): APIEmbed {
  return {
    title: digestTitle(post.stories.length),
    // Built to fit (digestCapacity): every story named whole, title and link, never cut.
    description: post.stories.map(digestLine).join('\n'),
    color: 0x5865f2,
    footer: { text: `Crossover${ref ? refSuffix(ref) : ''}` },
  };
}

function digestTitle(count: number): string {
  return `${count} more deal ${count === 1 ? 'story' : 'stories'} this round`;
}

function digestLine(story: DigestStory): string {
  const status = `${STATUS_WORDS[story.status].emoji} ${statusLabel(story.status)}${story.unconfirmed ? ' (unconfirmed)' : ''}`;
  return `• ${markdownLink(story.title, story.link, DIGEST_TITLE_CHARS)} — ${status}`;
}

/** How many of these stories, in order, one digest message names in full (at least one). */
export function digestCapacity(stories: readonly DigestStory[]): number {
  const footer = `Crossover${refSuffix('x'.repeat(12))}`.length;
  let description = -1;
  let fits = 0;
  for (const story of stories) {
    description += 1 + digestLine(story).length;
    const total = embedLength({ title: digestTitle(fits + 1), description: 'x'.repeat(description) }) + footer;
    if (description > LIMITS.description || total > LIMITS.embedTotal) break;
    fits += 1;
  }
  return Math.max(1, fits);
}

function sourceLink(source: PostSource): string {
  return markdownLink(source.name, source.link);
}

function inert(text: string): string {
  return inertText(text.trim());
}
