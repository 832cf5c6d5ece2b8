import { createScope } from '../../src/deals/scope';
import { planRound } from '../../src/posts/plan-round';
import type { Audience } from '../../src/posts/plan-posts';
import { planPosts } from '../../src/posts/plan-posts';
import { earlierReportNote } from '../../src/posts/post';
import type { Subscription } from '../../src/posts/subscription-store';
import { createTrackingWorkspace, makeClassification, makeItem } from '../support/tracking-workspace';

const NOW = new Date('2026-11-23T09:00:00Z');
const DEFAULT_FEED = 'https://default.example/feed';
const B_FEED = 'https://server-b.example/feed';

function audience(guildId: string, channelId: string, serverFeeds: string[] = [], filters: Partial<Subscription> = {}): Audience {
  return {
    subscription: {
      guildId, channelId, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
      createdAt: NOW.toISOString(), createdBy: 'admin', ...filters,
    },
    scope: createScope([DEFAULT_FEED], serverFeeds),
  };
}

describe('planPosts', () => {
  it('posts a new story once per channel, then edits it when another outlet reports it', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    const first = await work.track('i1', makeItem(), makeClassification());
    const sends = planPosts(first, [a], NOW);
    expect(sends).toMatchObject([{ action: 'send', channelId: 'a-news', post: { type: 'story', status: 'in_talks', unconfirmed: true } }]);

    const second = await work.track(
      'i2',
      makeItem({ feedName: 'Second Outlet', title: 'Netflix, Spotify discuss award-show streams, sources say', published: '2026-11-23T08:30:00.000Z' }),
      makeClassification(),
    );
    expect(second.story.id).toBe(first.story.id);
    const edits = planPosts(second, [a], NOW);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ action: 'edit', sendId: sends[0]?.id });
    expect(edits[0]?.post.type === 'story' && edits[0].post.sources.map((s) => s.name)).toEqual(['Default Outlet', 'Second Outlet']);
  });

  it('posts a status change when a new story moves the deal', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    await work.track('i1', makeItem(), makeClassification());
    const signed = await work.track(
      'i2',
      makeItem({ title: 'Netflix and Spotify sign deal to stream music award shows', published: '2026-11-27T20:00:00.000Z', firstSeen: '2026-11-27T20:05:00.000Z' }),
      makeClassification({ status: 'announced', unconfirmed: false }),
    );
    const [post] = planPosts(signed, [a], NOW);
    expect(post?.post).toMatchObject({ type: 'status_change', from: 'in_talks', status: 'announced' });
  });

  it('says so when the deal has moved on since the story (an earlier report), and speaks of where it stands now', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    const talks = await work.track('i1', makeItem(), makeClassification());
    const signed = await work.track(
      'i2',
      makeItem({ title: 'Netflix and Spotify sign deal to stream music award shows', published: '2026-11-27T20:00:00.000Z', firstSeen: '2026-11-27T20:05:00.000Z' }),
      makeClassification({ status: 'announced', unconfirmed: false }),
    );
    // Planned against the deal as it was: no note.
    const [alone] = planPosts(talks, [a], NOW);
    expect(alone?.post.type === 'story' && alone.post.laterStatus).toBeUndefined();

    // Planned once the signing is tracked too (the same cycle): an earlier report.
    const [earlier] = planPosts(talks, [a], NOW, signed.deal);
    if (earlier === undefined || earlier.post.type !== 'story') throw new Error('a story post');
    expect(earlier.post).toMatchObject({ type: 'story', status: 'in_talks', laterStatus: { status: 'announced', unconfirmed: false, since: '2026-11-27T20:00:00.000Z' } });
    expect(earlierReportNote(earlier.post.laterStatus!)).toBe('An earlier report; the deal has since been announced.');
    expect(earlier.post.takeaways.length).toBeGreaterThanOrEqual(2);
    for (const t of earlier.post.takeaways) expect(t.text).toMatch(/^Agreed, not live yet\b/);

    // The story that set the status is where the deal stands: no note.
    const [change] = planPosts(signed, [a], NOW, signed.deal);
    expect(change?.post.type === 'status_change' && change.post.laterStatus).toBeUndefined();
    expect(earlierReportNote({ status: 'launched', unconfirmed: true, since: '' })).toBe('An earlier report; the deal has since reportedly launched.');
  });

  it('posts nothing for back catalogue, and posts what comes after it against that history', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    const seeded = await work.track('i1', makeItem({ backlog: true }), makeClassification({ status: 'announced', unconfirmed: false }));
    expect(seeded.entry.backlog).toBe(true);
    expect(planPosts(seeded, [a], NOW)).toEqual([]);

    // Another outlet reports the same story after the first poll: the story was never posted, so it is new.
    const sameStory = await work.track(
      'i2',
      makeItem({ feedName: 'Second Outlet', title: 'Netflix and Spotify agree to stream award shows', published: '2026-11-23T09:00:00.000Z' }),
      makeClassification({ status: 'announced', unconfirmed: false }),
    );
    expect(sameStory.story.id).toBe(seeded.story.id);
    const [post] = planPosts(sameStory, [a], NOW);
    expect(post).toMatchObject({ action: 'send', post: { type: 'story', status: 'announced' } });
    expect(post?.post.type === 'story' && post.post.sources.map((s) => s.name)).toEqual(['Default Outlet', 'Second Outlet']);

    // A later report that moves the deal is a change from the status the back catalogue set.
    const live = await work.track(
      'i3',
      makeItem({ title: 'Netflix and Spotify launch their award-show streams', published: '2026-12-20T10:00:00.000Z', firstSeen: '2026-12-20T10:05:00.000Z' }),
      makeClassification({ status: 'launched', unconfirmed: false }),
    );
    expect(planPosts(live, [a], NOW)[0]?.post).toMatchObject({ type: 'status_change', from: 'announced', status: 'launched' });
  });

  it('never lets one server\'s feed change what another server sees', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    const b = audience('B', 'b-news', [B_FEED]);
    const announced = await work.track('i1', makeItem(), makeClassification({ status: 'announced', unconfirmed: false }));
    expect(planPosts(announced, [a, b], NOW).map((e) => e.channelId).sort()).toEqual(['a-news', 'b-news']);
    const denial = await work.track(
      'i2',
      makeItem({ feedUrl: B_FEED, feedName: 'B only', title: 'Spotify denies Netflix deal', published: '2026-11-24T08:00:00.000Z' }),
      makeClassification({ status: 'denied', unconfirmed: false }),
    );
    const planned = planPosts(denial, [a, b], NOW);
    expect(planned.every((e) => e.guildId === 'B')).toBe(true);
    expect(planned.length).toBeGreaterThan(0);
  });

  it('applies the subscription filters to new posts', async () => {
    const work = createTrackingWorkspace();
    const plan = await work.track('i1', makeItem(), makeClassification({ confidence: 0.6 }));
    const channels = planPosts(plan, [
      audience('A', 'any'),
      audience('A', 'spotify', [], { parties: ['spotify'] }),
      audience('A', 'tiktok', [], { parties: ['TikTok'] }),
      audience('A', 'live', [], { kinds: ['live_events'] }),
      audience('A', 'licensing', [], { kinds: ['licensing'] }),
      audience('A', 'announced-only', [], { statuses: ['announced'] }),
      audience('A', 'sure', [], { minConfidence: 0.9 }),
    ], NOW).map((e) => e.channelId);
    expect(channels.sort()).toEqual(['any', 'live', 'spotify']);
  });

  it('plans the same entries again for an item handed over again after a crash', async () => {
    const work = createTrackingWorkspace();
    const item = makeItem();
    const first = planPosts(await work.track('i1', item, makeClassification()), [audience('A', 'a-news')], NOW);
    const again = await work.track('i1', item, makeClassification());
    expect(again.repeated).toBe(true);
    expect(planPosts(again, [audience('A', 'a-news')], NOW)).toEqual(first);
  });

  it('caps new posts per channel and sums up the rest in one digest', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    const entries = [];
    for (let i = 0; i < 8; i += 1) {
      const plan = await work.track(
        `i${i}`,
        makeItem({ title: `Label ${i} licenses catalogue to TikTok`, published: `2026-11-2${i % 3}T08:00:00.000Z` }),
        makeClassification({ parties: [`Label ${i}`, 'TikTok'], kinds: ['licensing'], confidence: 0.5 + i / 20 }),
      );
      entries.push(...planPosts(plan, [a], NOW));
    }
    const round = planRound(entries, NOW, (stories) => stories.length, 5);
    expect(round.order.filter((e) => e.post.type !== 'digest')).toHaveLength(5);
    expect(round.folded).toHaveLength(3);
    const [digest] = round.digests;
    expect(digest?.post.type === 'digest' && digest.post.stories).toHaveLength(3);
    expect(digest?.covers).toHaveLength(3);
    expect(round.order.at(-1)).toBe(digest);
    // The same stories make the same digest: made again after a crash, it is the same post.
    expect(planRound([...entries].reverse(), new Date(NOW.getTime() + 60_000), (stories) => stories.length, 5).digests[0]?.id).toBe(digest?.id);
  });

  it('never drops a story: what does not fit in one digest goes into the next', () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({
      id: `e${i}`, guildId: 'A', channelId: 'a-news', action: 'send' as const, openThread: false, attempts: 0,
      createdAt: NOW.toISOString(), nextAttemptAt: NOW.toISOString(),
      post: { type: 'story' as const, storyId: `s${i}`, dealId: 'd', title: `Story ${i}`, summary: '', status: 'announced' as const,
        unconfirmed: false, parties: ['A', 'B'], kinds: [], confidence: 0.5, sources: [], takeaways: [] },
    }));
    const round = planRound(entries, NOW, (stories) => Math.min(stories.length, 10), 5);
    expect(round.digests.map((d) => d.covers?.length)).toEqual([10, 10, 5]);
    const named = round.digests.flatMap((d) => (d.post.type === 'digest' ? d.post.stories.map((s) => s.title) : []));
    const posted = round.order.filter((e) => e.post.type === 'story').map((e) => (e.post.type === 'story' ? e.post.title : ''));
    expect([...named, ...posted].sort()).toEqual(entries.map((e) => e.post.title).sort());
  });

  it('never folds a post that may already be in the channel', () => {
    const entries = Array.from({ length: 7 }, (_, i) => ({
      id: `e${i}`, guildId: 'A', channelId: 'a-news', action: 'send' as const, openThread: false, attempts: 1,
      createdAt: NOW.toISOString(), nextAttemptAt: NOW.toISOString(), maybeSentSince: i < 6 ? NOW.toISOString() : undefined,
      post: { type: 'story' as const, storyId: `s${i}`, dealId: 'd', title: `Story ${i}`, summary: '', status: 'announced' as const,
        unconfirmed: false, parties: ['A', 'B'], kinds: [], confidence: i === 6 ? 1 : 0.1, sources: [], takeaways: [] },
    }));
    const round = planRound(entries, NOW, (stories) => stories.length, 5);
    expect(round.folded.map((e) => e.id)).toEqual(['e6']);
    expect(round.order.filter((e) => e.post.type === 'story')).toHaveLength(6);
  });

  it('never lets a report from another server\'s feed chain two of this server\'s reports into one story', async () => {
    const work = createTrackingWorkspace();
    const a = audience('A', 'a-news');
    const day = (d: number) => new Date(Date.parse('2026-11-10T00:00:00Z') + d * 86_400_000).toISOString();
    const talks = (d: number, feedUrl = DEFAULT_FEED) =>
      makeItem({ feedUrl, title: 'Netflix and Spotify in talks to stream award shows', published: day(d), firstSeen: day(d) });
    await work.track('d0', talks(0), makeClassification());
    await work.track('b', talks(2.8, B_FEED), makeClassification());
    const later = await work.track('d5', talks(5.5), makeClassification());
    expect(planPosts(later, [a], NOW).map((e) => e.action)).toEqual(['send']);
  });
});
