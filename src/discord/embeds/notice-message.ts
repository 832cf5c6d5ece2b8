import type { RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { NoticePost } from '../../posts/post';
import { feedText } from './text';

/** The message telling a server's admins that posting to a channel stopped, and what happens next. */
export function renderNoticeMessage(post: NoticePost): RESTPostAPIChannelMessageJSONBody {
  const reason = feedText(post.reason, 300);
  const content =
    post.outcome === 'removed'
      ? `⚠️ The channel Crossover posted deal news to (${post.channelId}) no longer exists, so its subscription was removed. Run \`/subscribe\` to choose another channel.`
      : `⚠️ Crossover can no longer post in <#${post.channelId}> (${reason}), so posting there is paused. ` +
        `New deal posts for it are kept for ${post.keptHours} hours (at most ${post.keptMax}) and delivered when it resumes. ` +
        'Give the bot View Channel, Send Messages, Embed Links and Read Message History in that channel, then run `/subscribe` for it again.';
  return { content, allowed_mentions: { parse: [] } };
}
