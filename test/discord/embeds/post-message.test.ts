import type { APIEmbed } from 'discord.js';
import { digestCapacity, renderPostMessage } from '../../../src/discord/embeds/post-message';
import { renderNoticeMessage } from '../../../src/discord/embeds/notice-message';
import { renderThreadStarter } from '../../../src/discord/embeds/thread-message';
import type { DigestStory, StoryPost } from '../../../src/posts/post';
import { checkMessageBody } from '../../support/discord-emulator/message-limits';
import { makeStoryPost } from '../../support/posts';
import { HOSTILE, liveMaskedLinks, PINGS, replyText } from '../../support/reply-check';

const LONG_LINK = `https://news.example/${'a'.repeat(1880)}`;

describe('channel posts', () => {
  test('feed text is shown, never obeyed: no ping, no masked link, no markdown', () => {
    const post = makeStoryPost({
      title: `Deal ${HOSTILE}`,
      summary: `# Heading\n> quote ${HOSTILE}`,
      takeaways: [{ text: `Point ${HOSTILE}`, sourceName: 'Outlet', basis: 'article' }],
      sources: [{ name: 'Outlet', link: 'https://news.example/a' }, { name: `[Other](https://evil.example)`, link: 'https://other.example/b' }],
    });
    const body = renderPostMessage(post, { ref: 'AbCdEfGhIjKl' });
    const text = replyText({ embeds: body.embeds ?? [] });
    expect(text).not.toMatch(PINGS);
    expect(liveMaskedLinks(text).filter((url) => url.includes('evil.example'))).toEqual([]);
    expect(body.embeds?.[0]?.footer?.text).toMatch(/ · ref AbCdEfGhIjKl$/);
    expect(checkMessageBody(body as Record<string, unknown>)).toEqual([]);
  });

  test('a link too long for text is left out of it whole, and kept as the post url', () => {
    const post = makeStoryPost({ link: LONG_LINK, sources: [{ name: 'Outlet', link: LONG_LINK }, { name: 'Second', link: LONG_LINK }] });
    const body = renderPostMessage(post);
    const embed = body.embeds?.[0] as APIEmbed;
    expect(embed.url).toBe(LONG_LINK);
    expect(embed.fields?.find((f) => f.name === 'Also reported by')?.value).toBe('Second');
    expect(checkMessageBody(body as Record<string, unknown>)).toEqual([]);
  });
});

describe('digests', () => {
  const story = (i: number, link = `https://news.example/story-${i}`): DigestStory => ({
    title: `Story ${i}: ${'a long headline about a licensing deal '.repeat(4)}`, link, status: 'announced', unconfirmed: false, parties: ['A', 'B'],
  });

  test('a digest holds as many stories as fit whole in one message, each with its link, and says how many', () => {
    const stories = Array.from({ length: 40 }, (_, i) => story(i));
    const fits = digestCapacity(stories);
    expect(fits).toBeGreaterThan(5);
    expect(fits).toBeLessThan(40);
    const body = renderPostMessage({ type: 'digest', stories: stories.slice(0, fits) }, { ref: 'AbCdEfGhIjKl' });
    expect(checkMessageBody(body as Record<string, unknown>)).toEqual([]);
    const embed = body.embeds?.[0] as APIEmbed;
    expect(embed.title).toBe(`${fits} more deal stories this round`);
    for (let i = 0; i < fits; i += 1) expect(embed.description).toContain(`](https://news.example/story-${i})`);
    expect(embed.description).not.toMatch(/more$/);
    // One more would not fit whole: the limits would cut it.
    const over = renderPostMessage({ type: 'digest', stories: stories.slice(0, fits + 1) }, { ref: 'AbCdEfGhIjKl' });
    expect(over.embeds?.[0]?.description).not.toContain(`](https://news.example/story-${fits})`);
  });

  test('a story whose link is too long for text is still named, without the link', () => {
    const body = renderPostMessage({ type: 'digest', stories: [story(1, LONG_LINK)] });
    expect(body.embeds?.[0]?.description).toMatch(/^• Story 1: .* — /);
    expect(body.embeds?.[0]?.description).not.toContain('https://');
  });
});

describe('thread starters', () => {
  test('long source links are left out whole and the message always ends with the question', () => {
    const post = makeStoryPost({
      takeaways: Array.from({ length: 4 }, (_, i) => ({ text: `Point ${i} ${'about royalties '.repeat(20)}`, sourceName: `Outlet ${i}`, sourceLink: `https://news.example/${'b'.repeat(480)}${i}`, basis: 'article' as const })),
    });
    const { content } = renderThreadStarter(post);
    expect(content?.length).toBeLessThanOrEqual(2000);
    expect(content).toMatch(/\*\*What would this mean for you as an artist, or as a fan\?\*\*$/);
    for (const url of liveMaskedLinks(content ?? '')) expect(url).toMatch(/^<https:\/\/news\.example\/b+\d>$/);
  });
});

describe('notices', () => {
  test('a pause notice says the posts are kept and how to resume; the reason is inert', () => {
    const { content } = renderNoticeMessage({ type: 'notice', outcome: 'paused', channelId: '123', reason: '[x](https://evil.example) @everyone', keptHours: 24, keptMax: 50 });
    expect(content).toMatch(/kept for 24 hours \(at most 50\) and delivered when it resumes/);
    expect(content).not.toMatch(PINGS);
    expect(liveMaskedLinks(content ?? '')).toEqual([]);
  });
});

const talksPost: StoryPost = {
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
    const later = renderPostMessage({ ...talksPost, laterStatus: { status: 'announced', unconfirmed: false, since: '2026-11-27T20:00:00.000Z' } });
    expect(later.embeds?.[0]?.description).toBe('*An earlier report; the deal has since been announced.*\nNetflix is in talks with Spotify about streaming award shows.');
    expect(later.embeds?.[0]?.fields?.find((f) => f.name === 'Status')?.value).toMatch(/talks/i);
    expect(renderPostMessage(talksPost).embeds?.[0]?.description).toBe('Netflix is in talks with Spotify about streaming award shows.');
  });
});
