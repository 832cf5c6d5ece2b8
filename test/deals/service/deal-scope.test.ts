import { createScope } from '../../../src/deals/scope';
import { trackEventsFor } from '../../../src/deals/stories/track-events';
import { createSilentLogger } from '../../../src/logger';
import { createDealStores } from '../../../src/app/deal-stores';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { DEFAULT_FEED, report, SERVER_A_FEED, SERVER_B_FEED } from './deal-fixtures';

/** PRODUCT.md section 4: items from a feed one server added never change what another server sees. */
describe('deal store: scope isolation', () => {
  const db = makeTempDatabase();
  const keyv = openKeyvFactory(db.url, createSilentLogger());
  const deals = createDealStores(keyv);
  const serverA = createScope([DEFAULT_FEED], [SERVER_A_FEED]);
  const serverB = createScope([DEFAULT_FEED], [SERVER_B_FEED]);
  afterAll(async () => {
    await keyv.close();
    db.cleanup();
  });

  const announced = report({
    title: 'Netflix and Spotify sign deal for award shows',
    summary: 'Netflix and Spotify announced a partnership for award shows and live concerts.',
    published: '2025-11-01T00:00:00Z',
    parties: ['Netflix', 'Spotify'],
    status: 'announced',
  });
  const denialFromB = report({
    feedUrl: SERVER_B_FEED,
    title: 'Spotify denies Netflix award show deal',
    summary: 'Spotify says there is no deal with Netflix: a secret codeword zanzibar.',
    published: '2025-11-03T00:00:00Z',
    parties: ['Netflix', 'Spotify'],
    status: 'denied',
  });
  const onlyB = report({
    feedUrl: SERVER_B_FEED,
    title: 'Deezer and TikTok in talks over zanzibar',
    published: '2025-11-04T00:00:00Z',
    parties: ['Deezer', 'TikTok'],
    status: 'in_talks',
  });

  beforeAll(async () => {
    for (const r of [announced, denialFromB, onlyB]) await deals.recordClassifiedItem(r.item, r.classification);
  });

  it('a denial from server B\'s feed does not change server A\'s status', async () => {
    expect(await deals.getDeal(serverA, 'netflix+spotify')).toMatchObject({ status: 'announced', reports: 1 });
    expect(await deals.getDeal(serverB, 'netflix+spotify')).toMatchObject({ status: 'denied', reports: 2 });
  });

  it('leaves B\'s reports out of A\'s timeline, lists, lookups, search and stories', async () => {
    const timeline = await deals.getTimeline(serverA, 'netflix+spotify');
    expect(timeline?.chapters.flatMap((c) => c.entries.map((e) => e.feedUrl))).toEqual([DEFAULT_FEED]);
    expect(timeline?.chapters.flatMap((c) => c.steps.map((s) => s.to))).toEqual(['announced']);

    expect((await deals.listDeals(serverA, { limit: 10 })).deals.map((d) => d.id)).toEqual(['netflix+spotify']);
    expect((await deals.listDeals(serverA, { status: 'denied' })).total).toBe(0);
    expect((await deals.listDeals(serverB, { status: 'denied' })).deals.map((d) => d.id)).toEqual(['netflix+spotify']);
    expect((await deals.listDeals(serverB, {})).total).toBe(2);

    expect(await deals.findDeals(serverA, 'deezer tiktok')).toEqual([]);
    expect(await deals.getDeal(serverA, 'deezer+tiktok')).toBeUndefined();
    expect(await deals.getDeal(serverA, 'no+such-deal')).toBeUndefined();
    expect((await deals.autocompleteDeals(serverA, 'dee')).map((c) => c.value)).toEqual([]);
    expect((await deals.autocompleteDeals(serverB, 'dee')).map((c) => c.value)).toEqual(['deezer+tiktok']);

    expect(await deals.searchStories(serverA, 'zanzibar')).toEqual([]);
    expect((await deals.searchStories(serverB, 'zanzibar')).length).toBe(2);
    const latestA = await deals.latestStories(serverA, { limit: 10 });
    expect(latestA.flatMap((s) => s.sources.map((src) => src.feedUrl))).toEqual([DEFAULT_FEED]);
    const denialStoryId = (await deals.searchStories(serverB, 'denies'))[0]?.id ?? '';
    expect(await deals.getStory(serverA, denialStoryId)).toBeUndefined();
    expect((await deals.getStory(serverB, denialStoryId))?.status).toBe('denied');
  });

  it('tells delivery nothing for a scope that cannot see the item', async () => {
    const result = await deals.recordClassifiedItem(denialFromB.item, denialFromB.classification);
    expect(result?.repeated).toBe(true);
    if (result === null) throw new Error('tracked');
    expect(trackEventsFor(result, serverA)).toEqual({ storyEvent: null, statusChange: null });
    const forB = trackEventsFor(result, serverB);
    expect(forB.storyEvent).toBe('new_story');
    expect(forB.statusChange).toMatchObject({ from: 'announced', to: 'denied' });
  });

  it('shows a shared story to A without B\'s source', async () => {
    const bSource = report({
      feedUrl: SERVER_B_FEED,
      title: 'Netflix and Spotify agree award show partnership',
      summary: 'Netflix and Spotify announced a partnership covering award shows and live concerts.',
      published: '2025-11-01T05:00:00Z',
      parties: ['Netflix', 'Spotify'],
      status: 'announced',
    });
    const result = await deals.recordClassifiedItem(bSource.item, bSource.classification);
    expect(result?.story.sources).toHaveLength(2);
    const forA = await deals.getStory(serverA, result?.story.id ?? '');
    expect(forA?.sources.map((s) => s.feedUrl)).toEqual([DEFAULT_FEED]);
    if (result === null) throw new Error('tracked');
    expect(trackEventsFor(result, serverB).storyEvent).toBe('new_source');
  });

  it('does not answer a deal id the scope cannot see with another deal', async () => {
    const threeFromB = report({ feedUrl: SERVER_B_FEED, title: 'Netflix, Spotify and Sony Music plan a festival', published: '2025-11-05T00:00:00Z', parties: ['Netflix', 'Spotify', 'Sony Music'], status: 'rumored' });
    await deals.recordClassifiedItem(threeFromB.item, threeFromB.classification);
    expect(await deals.getDeal(serverA, 'netflix+sony-music+spotify')).toBeUndefined();
    expect((await deals.getDeal(serverB, 'netflix+sony-music+spotify'))?.status).toBe('rumored');
    expect((await deals.findDeals(serverA, 'netflix spotify sony music')).map((d) => d.id)).toEqual([]);
  });
});

describe('deal store: search within a scope', () => {
  it('never finds a story for A by words only B\'s sources of it contain', async () => {
    const db = makeTempDatabase();
    const keyv = openKeyvFactory(db.url, createSilentLogger());
    try {
      const deals = createDealStores(keyv);
      const serverA = createScope([DEFAULT_FEED], [SERVER_A_FEED]);
      const serverB = createScope([DEFAULT_FEED], [SERVER_B_FEED]);
      const summary = 'Netflix and Spotify announced a partnership for award shows and live concerts.';
      const fromDefault = report({ title: 'Netflix and Spotify sign deal for award shows', summary, published: '2025-11-01T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' });
      const fromB = report({
        feedUrl: SERVER_B_FEED, title: 'Netflix and Spotify sign award show deal, insiders at Quokkafest say', summary,
        published: '2025-11-01T06:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced',
      });
      for (const r of [fromDefault, fromB]) await deals.recordClassifiedItem(r.item, r.classification);
      expect(await deals.searchStories(serverA, 'quokkafest')).toEqual([]);
      expect((await deals.searchStories(serverB, 'quokkafest')).map((st) => st.dealId)).toEqual(['netflix+spotify']);
      expect((await deals.searchStories(serverA, 'award shows')).map((st) => st.dealId)).toEqual(['netflix+spotify']);
    } finally {
      await keyv.close();
      db.cleanup();
    }
  });
});

describe('deal store: a change of the default feeds (FEEDS_FILE)', () => {
  const OLD_DEFAULT = 'https://old-default.example/feed';
  const NEW_DEFAULT = 'https://new-default.example/feed';
  const db = makeTempDatabase();
  const keyv = openKeyvFactory(db.url, createSilentLogger());
  const deals = createDealStores(keyv);
  // The servers' views after the operator replaced the default list: the old default is gone.
  const serverA = createScope([NEW_DEFAULT], [SERVER_A_FEED, OLD_DEFAULT]);
  const serverB = createScope([NEW_DEFAULT], [SERVER_B_FEED]);
  afterAll(async () => {
    await keyv.close();
    db.cleanup();
  });

  const whileDefault = report({
    feedUrl: OLD_DEFAULT, fromDefaultFeed: true, title: 'Deezer and Sony Music sign licensing deal', summary: 'Deezer and Sony Music signed a licence.',
    published: '2025-10-01T00:00:00Z', parties: ['Deezer', 'Sony Music'], status: 'announced', kinds: ['licensing'],
  });
  // Server A keeps the old default as its own feed: what it reports from now on is A's alone.
  const afterwards = report({
    feedUrl: OLD_DEFAULT, title: 'Deezer and Sony Music launch their licensed catalogue', summary: 'The catalogue is live.',
    published: '2025-10-20T00:00:00Z', parties: ['Deezer', 'Sony Music'], status: 'launched', kinds: ['licensing'],
  });
  const fromServerA = report({
    feedUrl: SERVER_A_FEED, title: 'Tidal and Warner Music in talks', published: '2025-10-05T00:00:00Z', parties: ['Tidal', 'Warner Music Group'], status: 'in_talks',
  });

  beforeAll(async () => {
    for (const r of [whileDefault, fromServerA, afterwards]) await deals.recordClassifiedItem(r.item, r.classification);
  });

  it('keeps what a default feed reported visible to every server', async () => {
    for (const scope of [serverA, serverB]) {
      expect(await deals.resolveDeal(scope, 'deezer sony music')).toMatchObject({ id: 'deezer+sony-music' });
      expect((await deals.latestStories(scope, { limit: 10 })).map((s) => s.title)).toContain('Deezer and Sony Music sign licensing deal');
      expect((await deals.searchStories(scope, 'licensing')).length).toBeGreaterThan(0);
    }
    expect(await deals.getDeal(serverB, 'deezer+sony-music')).toMatchObject({ status: 'announced', reports: 1 });
    expect((await deals.getTimeline(serverB, 'deezer+sony-music'))?.chapters.flatMap((c) => c.entries.map((e) => e.title))).toEqual([
      'Deezer and Sony Music sign licensing deal',
    ]);
  });

  it('keeps what the same feed reports once it is one server\'s own, and server feeds, to that server', async () => {
    expect(await deals.getDeal(serverA, 'deezer+sony-music')).toMatchObject({ status: 'launched', reports: 2 });
    expect(await deals.getDeal(serverA, 'tidal+warner-music-group')).toMatchObject({ status: 'in_talks' });
    expect(await deals.getDeal(serverB, 'tidal+warner-music-group')).toBeUndefined();
    expect((await deals.listDeals(serverB, {})).deals.map((d) => d.id)).toEqual(['deezer+sony-music']);
  });

  it('keeps the mark through a rebuild from the stored items', async () => {
    await deals.rebuildDeals([whileDefault, fromServerA, afterwards]);
    expect(await deals.getDeal(serverB, 'deezer+sony-music')).toMatchObject({ status: 'announced', reports: 1 });
    expect(await deals.getDeal(serverB, 'tidal+warner-music-group')).toBeUndefined();
  });
});
