import { renderSubscribed, renderSubscriptionList, renderUnsubscribed, summariseSubscription } from '../../../src/discord/embeds/subscription-embed';
import type { Subscription } from '../../../src/posts/subscription-store';
import { HOSTILE, replyProblems, replyText } from '../../support/reply-check';

const base: Subscription = {
  guildId: '1', channelId: '200000000000000001', parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
  createdAt: '2026-11-20T08:00:00Z', createdBy: '3',
};

describe('subscription replies', () => {
  test('a subscription with every filter, and one with none', () => {
    const full: Subscription = { ...base, parties: ['Netflix', 'Spotify'], kinds: ['live_events'], statuses: ['in_talks', 'announced'], minConfidence: 0.6, mentionRoleId: '400000000000000001', threads: true };
    expect(summariseSubscription(full)).toBe(
      '📰 <#200000000000000001> — parties: Netflix, Spotify · kinds: Live events · statuses: In talks, Announced · confidence ≥ 60%\nmentions <@&400000000000000001> · threads on',
    );
    expect(summariseSubscription(base)).toBe('📰 <#200000000000000001> — every deal story\nno mention · threads off');
    const reply = renderSubscribed(full, true);
    expect(reply.embeds[0]?.description).toContain('**Minimum confidence:** 60%');
    expect(replyProblems(reply)).toEqual([]);
  });

  test('a paused subscription says why and how to resume', () => {
    const paused = { ...base, paused: { at: '2026-11-21T08:00:00Z', reason: 'Missing Access (403)' } };
    expect(summariseSubscription(paused)).toContain('⏸️ <#200000000000000001>');
    expect(summariseSubscription(paused)).toContain('**Paused** <t:1795248000:R>: Missing Access (403). Run `/subscribe` for it again to resume.');
    expect(renderSubscriptionList([paused], 25).embeds[0]?.title).toBe('Subscriptions (1/25) · 1 paused');
  });

  test('notes from /subscribe are shown', () => {
    const reply = renderSubscribed(base, false, ['The role is not mentionable.']);
    expect(replyText(reply)).toContain('• The role is not mentionable.');
    expect(replyText(reply)).toContain('replaced with these settings');
  });

  test('25 subscriptions with long hostile party lists stay within limits; the only mentions are channel and role tags', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ ...base, channelId: `2000000000000000${10 + i}`, parties: Array.from({ length: 20 }, () => `${HOSTILE}${'p'.repeat(80)}`), kinds: ['licensing' as const], mentionRoleId: '400000000000000001', paused: { at: base.createdAt, reason: HOSTILE } }));
    const body = renderSubscriptionList(many, 25);
    expect(replyProblems(body)).toEqual([]);
    expect(replyText(body)).not.toMatch(/@everyone|@here|<@!?\d+>|<@&123456789012345678>/);
    expect(replyProblems(renderUnsubscribed('200000000000000001'))).toEqual([]);
  });
});
