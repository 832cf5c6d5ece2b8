import type { APIEmbedField } from 'discord.js';
import type { ResumeReport } from '../../posts/held-posts';
import type { SkippedPosts } from '../../posts/outbox';
import type { Subscription } from '../../posts/subscription-store';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR, WARNING_COLOR } from './reply-body';
import { kindLabel, STATUS_WORDS } from '../../deals/vocabulary';
import { discordTime, feedText, joinWithin, markdownLink, percent, plural } from './text';

/** One subscription's filters as a few short lines (channel and role as Discord mentions: never pinging in embeds). */
export function describeSubscription(s: Subscription): string {
  const lines = [
    `**Parties:** ${s.parties.length > 0 ? feedText(s.parties.join(', '), 300) : 'any'}`,
    `**Kinds:** ${s.kinds.length > 0 ? s.kinds.map(kindLabel).join(', ') : 'any'}`,
    `**Statuses:** ${s.statuses.length > 0 ? s.statuses.map((st) => STATUS_WORDS[st].label).join(', ') : 'any'}`,
    `**Minimum confidence:** ${s.minConfidence > 0 ? percent(s.minConfidence) : 'none'}`,
    `**Mentions:** ${s.mentionRoleId ? `<@&${s.mentionRoleId}>` : 'nobody'} · **Threads:** ${s.threads ? 'on' : 'off'}`,
  ];
  if (s.paused) {
    lines.push(`⏸️ **Paused** ${discordTime(s.paused.at)}: ${feedText(s.paused.reason, 300)}. Fix the channel's permissions, then run \`/subscribe\` again to resume.`);
  }
  return lines.join('\n');
}

/**
 * `/subscribe`: what the channel will get from now on (and anything the admin should know); for a
 * paused channel, what it kept while paused and what it skipped (listed by renderSkippedPosts).
 */
export function renderSubscribed(s: Subscription, created: boolean, notes: string[] = [], resumed?: ResumeReport): ReplyBody {
  const head = created ? `✅ <#${s.channelId}> will get deal news.` : `✅ <#${s.channelId}>'s subscription was replaced with these settings.`;
  const fields: APIEmbedField[] = notes.length > 0 ? [{ name: 'Note', value: notes.map((n) => `• ${n}`).join('\n') }] : [];
  if (resumed) fields.push({ name: 'Resumed', value: describeResume(resumed) });
  return {
    embeds: [
      fitEmbed({
        description: `${head}\n${describeSubscription(s)}`,
        color: notes.length > 0 ? WARNING_COLOR : BRAND_COLOR,
        fields,
        footer: { text: 'Options you leave out mean "any". Run /subscribe again to change them, /unsubscribe to stop.' },
      }),
    ],
  };
}

function describeResume({ delivering, skipped }: ResumeReport): string {
  const kept = delivering > 0
    ? `${plural(delivering, 'story', 'stories')} kept while it was paused ${delivering === 1 ? 'is' : 'are'} posted now (at most 5 on their own, the rest in a digest).`
    : 'No story was kept while it was paused.';
  if (skipped.count === 0) return kept;
  const listed = skipped.stories.length < skipped.count ? ` (the newest ${skipped.stories.length} listed below)` : ' (listed below)';
  return `${kept}\n${plural(skipped.count, 'story', 'stories')} from the pause ${skipped.count === 1 ? 'was' : 'were'} skipped: older than the pause window or over its cap${listed}.`;
}

/** The stories a paused channel skipped, title and link, in as many messages as they need. */
export function renderSkippedPosts(skipped: SkippedPosts): ReplyBody[] {
  const lines = skipped.stories.map((story) => `• ${markdownLink(story.title, story.link, 150)}`);
  const bodies: ReplyBody[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length > 0) bodies.push({ embeds: [{ title: 'Skipped while paused', description: chunk.join('\n'), color: WARNING_COLOR }] });
    chunk = [];
  };
  for (const line of lines) {
    if ([...chunk, line].join('\n').length > LIMITS.description) flush();
    chunk.push(line);
  }
  flush();
  return bodies;
}

/** `/subscriptions`: every subscribed channel of this server. */
export function renderSubscriptionList(subscriptions: Subscription[], max: number): ReplyBody {
  if (subscriptions.length === 0) {
    return {
      embeds: [
        {
          title: 'Subscriptions (0)',
          description: 'No channel gets deal news yet. Pick one with `/subscribe channel:`.',
          color: BRAND_COLOR,
        },
      ],
    };
  }
  const sorted = [...subscriptions].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const paused = sorted.filter((s) => s.paused).length;
  return {
    embeds: [
      fitEmbed({
        title: `Subscriptions (${sorted.length}/${max})${paused > 0 ? ` · ${paused} paused` : ''}`,
        description: joinWithin(sorted.map(summariseSubscription), LIMITS.description, '\n\n'),
        color: paused > 0 ? WARNING_COLOR : BRAND_COLOR,
        footer: { text: 'Change one with /subscribe (same channel), stop one with /unsubscribe.' },
      }),
    ],
  };
}

/** One subscription in a few compact lines, for the list. */
export function summariseSubscription(s: Subscription): string {
  const filters = [
    s.parties.length > 0 ? `parties: ${feedText(s.parties.join(', '), 120)}` : undefined,
    s.kinds.length > 0 ? `kinds: ${s.kinds.map(kindLabel).join(', ')}` : undefined,
    s.statuses.length > 0 ? `statuses: ${s.statuses.map((st) => STATUS_WORDS[st].label).join(', ')}` : undefined,
    s.minConfidence > 0 ? `confidence ≥ ${percent(s.minConfidence)}` : undefined,
  ].filter((f): f is string => f !== undefined);
  const extras = [s.mentionRoleId ? `mentions <@&${s.mentionRoleId}>` : 'no mention', `threads ${s.threads ? 'on' : 'off'}`];
  const lines = [
    `${s.paused ? '⏸️' : '📰'} <#${s.channelId}> — ${filters.length > 0 ? filters.join(' · ') : 'every deal story'}`,
    extras.join(' · '),
  ];
  if (s.paused) lines.push(`**Paused** ${discordTime(s.paused.at)}: ${feedText(s.paused.reason, 200)}. Run \`/subscribe\` for it again to resume.`);
  return lines.join('\n');
}

/** `/unsubscribe`. */
export function renderUnsubscribed(channelId: string): ReplyBody {
  return { embeds: [{ description: `🛑 <#${channelId}> will get no more deal posts. Posts already there stay.`, color: BRAND_COLOR }] };
}
