import type { OutboxEntry } from '../posts/outbox';
import { statusLabel } from '../deals/vocabulary';
import { dealName, earlierReportNote, otherSources } from '../posts/post';

/** A post as console mode shows it: readable text, and the JSON object of a `post` event. */
export function describePost(entry: OutboxEntry): { text: string; json: Record<string, unknown> } {
  const { post } = entry;
  if (post.type === 'notice') {
    const what =
      post.outcome === 'paused'
        ? `posting to ${post.channelId} is paused (${post.reason}); its posts are kept for ${post.keptHours} hours (at most ${post.keptMax}) and delivered when it is subscribed again`
        : `${post.channelId} no longer exists (${post.reason}); its subscription was removed`;
    return { text: `! ${what}`, json: { type: 'notice', outcome: post.outcome, channel: post.channelId, reason: post.reason } };
  }
  if (post.type === 'digest') {
    return {
      text: [
        `≡ ${post.stories.length} more deal ${post.stories.length === 1 ? 'story' : 'stories'} this round`,
        ...post.stories.map((s) => `  - ${s.title}`),
      ].join('\n'),
      json: { type: 'digest', stories: post.stories },
    };
  }
  const name = dealName(post.parties);
  const status = `${statusLabel(post.status)}${post.unconfirmed ? ' (unconfirmed)' : ''}`;
  const json = {
    type: entry.action === 'edit' ? 'edit' : post.type,
    story: { id: post.storyId, title: post.title, link: post.link ?? null, published: post.published ?? null },
    deal: { id: post.dealId, name },
    status: post.status,
    from: post.type === 'status_change' ? post.from : undefined,
    unconfirmed: post.unconfirmed,
    note: post.laterStatus ? earlierReportNote(post.laterStatus) : undefined,
    parties: post.parties,
    kinds: post.kinds,
    confidence: Math.round(post.confidence * 100) / 100,
    takeaways: post.takeaways.map((t) => ({ text: t.text, source: t.sourceName ?? null, link: t.sourceLink ?? null })),
    sources: post.sources.map((s) => ({ name: s.name, link: s.link ?? null })),
  };
  if (entry.action === 'edit') {
    const note = post.laterStatus ? ` (${earlierReportNote(post.laterStatus)})` : '';
    return { text: `↻ ${name}: "${post.title}" — also reported by ${otherSources(post.sources).map((s) => s.name).join(', ')}${note}`, json };
  }
  const headline =
    post.type === 'status_change' ? `★ ${name}: ${post.from ? `${statusLabel(post.from)} → ` : ''}${status}` : `★ ${name} — ${status}`;
  const lines = [
    headline,
    ...(post.laterStatus ? [`  (${earlierReportNote(post.laterStatus)})`] : []),
    `  ${post.title}`,
    ...(post.link ? [`  ${post.link}`] : []),
    `  ${post.kinds.map((k) => k.replace(/_/g, ' ')).join(', ') || 'deal'} · confidence ${Math.round(post.confidence * 100)}% · ${post.sources.map((s) => s.name).join(', ')}`,
    ...post.takeaways.map((t) => `   - ${t.text}`),
  ];
  return { text: lines.join('\n'), json };
}
