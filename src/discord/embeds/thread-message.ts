import type { RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DealPost } from '../../posts/post';
import { dealName } from '../../posts/post';
import { cut, LIMITS, neutraliseMentions } from './limits';
import { inertText, safeUrl } from './text';

const HEADING = '**What it means for artists**';
const QUESTION = '**What would this mean for you as an artist, or as a fan?**';

export function threadName(post: DealPost): string {
  return cut(neutraliseMentions(`${dealName(post.parties)}: ${post.title}`), LIMITS.threadName);
}

/**
 * The first message of a post's discussion thread: the takeaways with their sources, and always the
 * question last. What does not fit goes whole: first source links (a link is never cut), then the
 * last points, then the one point left is shortened.
 */
export function renderThreadStarter(post: DealPost): RESTPostAPIChannelMessageJSONBody {
  const points = post.takeaways.map((t) => {
    const name = inertText((t.sourceName ?? 'source').replace(/[[\]]/g, ''));
    const url = safeUrl(t.sourceLink);
    return { text: `• ${inertText(t.text)}`, source: url ? ` ([${name}](<${url}>))` : '' };
  });
  const render = () => [HEADING, ...points.map((p) => p.text + p.source), '', QUESTION].join('\n');
  while (render().length > LIMITS.content && points.some((p) => p.source)) {
    const longest = points.reduce((a, b) => (b.source.length > a.source.length ? b : a));
    longest.source = '';
  }
  while (render().length > LIMITS.content && points.length > 1) points.pop();
  const only = points[0];
  if (only && render().length > LIMITS.content) only.text = cut(only.text, only.text.length - (render().length - LIMITS.content));
  return { content: render(), allowed_mentions: { parse: [] } };
}
