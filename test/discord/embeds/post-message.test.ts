import { renderPostMessage } from '../../../src/discord/embeds/post-message';
import type { StoryPost } from '../../../src/posts/post';

const post: StoryPost = {
  type: 'story',
  storyId: 'st-1',
  dealId: 'netflix+spotify',
  title: 'Netflix and Spotify in talks to stream award shows',
  link: 'https://news.example/talks',
  summary: 'Netflix is in talks with Spotify about streaming award shows.',
  status: 'in_talks',
  unconfirmed: true,
  parties: ['Netflix', 'Spotify'],
  kinds: ['live_events'],
  confidence: 0.8,
  sources: [{ name: 'News Example', link: 'https://news.example/talks' }],
  takeaways: [],
};

describe('a post about an earlier report', () => {
  it('opens with a note of where the deal stands now', () => {
    const later = renderPostMessage({ ...post, laterStatus: { status: 'announced', unconfirmed: false, since: '2026-11-27T20:00:00.000Z' } });
    expect(later.embeds?.[0]?.description).toBe('*An earlier report; the deal has since been announced.*\nNetflix is in talks with Spotify about streaming award shows.');
    expect(later.embeds?.[0]?.fields?.find((f) => f.name === 'Status')?.value).toMatch(/talks/i);
    expect(renderPostMessage(post).embeds?.[0]?.description).toBe('Netflix is in talks with Spotify about streaming award shows.');
  });
});
