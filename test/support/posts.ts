import type { StoryPost } from '../../src/posts/post';
import type { OutboxEntry } from '../../src/posts/outbox';

export function makeStoryPost(overrides: Partial<StoryPost> = {}): StoryPost {
  return {
    type: 'story',
    storyId: 's1',
    dealId: 'netflix+spotify',
    title: 'Netflix and Spotify in talks to stream award shows',
    link: 'https://news.example/netflix-spotify',
    summary: 'Netflix is in talks with Spotify about streaming music award shows, people familiar said.',
    status: 'in_talks',
    unconfirmed: true,
    parties: ['Netflix', 'Spotify'],
    kinds: ['live_events', 'video'],
    confidence: 0.84,
    sources: [{ name: 'Music Business Daily', link: 'https://news.example/netflix-spotify' }],
    takeaways: [{ text: 'Unconfirmed, nothing signed yet (background): talks can still fall apart.', basis: 'background' }],
    published: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

export function makeOutboxEntry(channelId: string, guildId: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  const post = overrides.post ?? makeStoryPost();
  const storyId = post.type === 'story' || post.type === 'status_change' ? post.storyId : post.type;
  return {
    id: `e-${channelId}-${storyId}`,
    guildId,
    channelId,
    action: 'send',
    post,
    openThread: false,
    createdAt: '2026-11-23T10:00:00.000Z',
    attempts: 0,
    nextAttemptAt: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}
