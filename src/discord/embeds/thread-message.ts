import type { RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { StatusChangePost, StoryPost } from '../../posts/post';
import { dealName } from '../../posts/post';
import { cut, LIMITS, neutraliseMentions } from './limits';

export function threadName(post: StoryPost | StatusChangePost): string {
  return cut(neutraliseMentions(`${dealName(post.parties)}: ${post.title}`), LIMITS.threadName);
}

/** The first message of a post's discussion thread: the takeaways with sources, and a question. */
export function renderThreadStarter(post: StoryPost | StatusChangePost): RESTPostAPIChannelMessageJSONBody {
  const points = post.takeaways.map((t) => {
    const source = t.sourceLink ? ` ([${(t.sourceName ?? 'source').replace(/[[\]]/g, '')}](<${t.sourceLink}>))` : '';
    return `• ${neutraliseMentions(t.text)}${source}`;
  });
  const question = `**What would this mean for you as an artist, or as a fan?**`;
  const lines = ['**What it means for artists**', ...points, '', question];
  let content = lines.join('\n');
  while (content.length > LIMITS.content && points.length > 1) {
    points.pop();
    content = ['**What it means for artists**', ...points, '', question].join('\n');
  }
  return { content: cut(content, LIMITS.content), allowed_mentions: { parse: [] } };
}
