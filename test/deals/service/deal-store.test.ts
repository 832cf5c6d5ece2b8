import { createScope, EVERY_FEED } from '../../../src/deals/scope';
import { trackEventsFor } from '../../../src/deals/stories/track-events';
import { createSilentLogger } from '../../../src/logger';
import type { DealStore } from '../../../src/deals/service/deal-store';
import { createDealStores } from '../../../src/app/deal-stores';
import type { KeyvFactory } from '../../../src/store/open-keyv';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { DEFAULT_FEED, OTHER_DEFAULT_FEED, report } from './deal-fixtures';

describe('deal store: stories and timelines', () => {
  let db: ReturnType<typeof makeTempDatabase>;
  let keyv: KeyvFactory;
  let deals: DealStore;

  beforeEach(() => {
    db = makeTempDatabase();
    keyv = openKeyvFactory(db.url, createSilentLogger());
    deals = createDealStores(keyv);
  });
  afterEach(async () => {
    await keyv.close();
    db.cleanup();
  });

  const netflixSpotify = ['Netflix', 'Spotify'];

  it('puts the same event from two outlets in one story with two sources, and ignores the same item twice', async () => {
    const first = report({
      title: 'Netflix and Spotify in talks to team up on award shows and live concerts',
      summary: 'Netflix is in talks with Spotify about streaming award shows and live concerts, people familiar with the matter said.',
      published: '2025-11-20T08:00:00Z',
      parties: netflixSpotify,
      status: 'in_talks',
      unconfirmed: true,
    });
    const second = report({
      feedUrl: OTHER_DEFAULT_FEED,
      title: 'Spotify, Netflix discuss partnership for music award shows',
      summary: 'The streaming giants are negotiating a deal that would bring award shows and concerts to Netflix, according to a report.',
      published: '2025-11-21T10:00:00Z',
      parties: ['Spotify', 'Netflix'],
      status: 'in_talks',
      unconfirmed: true,
    });
    const a = await deals.recordClassifiedItem(first.item, first.classification);
    const b = await deals.recordClassifiedItem(second.item, second.classification);
    expect(a?.storyIsNew).toBe(true);
    expect(b?.storyIsNew).toBe(false);
    expect(b?.sourceAdded).toBe(true);
    expect(b?.story.id).toBe(a?.story.id);
    expect(b?.story.sources.map((s) => s.feedUrl)).toEqual([DEFAULT_FEED, OTHER_DEFAULT_FEED]);
    expect(b?.story.title).toBe(first.item.title);
    expect(b?.deal.id).toBe('netflix+spotify');

    const again = await deals.recordClassifiedItem(second.item, second.classification);
    expect(again?.repeated).toBe(true);
    expect(again?.story.sources).toHaveLength(2);
    expect(again?.deal.entries).toHaveLength(2);
    const stored = await deals.getStory(EVERY_FEED, a?.story.id ?? '');
    expect(stored?.sources).toHaveLength(2);
  });

  it('keeps the same article from a second feed as one source', async () => {
    const first = report({ title: 'Spotify and Netflix sign deal', published: '2025-11-20T08:00:00Z', parties: netflixSpotify, status: 'announced', link: 'https://news.example/deal' });
    const copy = report({ feedUrl: OTHER_DEFAULT_FEED, title: 'Spotify and Netflix sign deal', published: '2025-11-20T09:00:00Z', parties: netflixSpotify, status: 'announced', link: 'https://news.example/deal' });
    await deals.recordClassifiedItem(first.item, first.classification);
    const result = await deals.recordClassifiedItem(copy.item, copy.classification);
    expect(result?.sourceAdded).toBe(false);
    expect(result?.story.sources).toHaveLength(1);
    expect(result?.story.sources[0]?.copies?.map((c) => c.feedUrl)).toEqual([OTHER_DEFAULT_FEED]);
    // A server that only sees the second feed still sees the article, as its own first source.
    const onlySecond = result === null ? undefined : trackEventsFor(result, createScope([OTHER_DEFAULT_FEED]));
    expect(onlySecond?.storyEvent).toBe('new_story');
    expect(onlySecond?.story?.sources[0]?.feedUrl).toBe(OTHER_DEFAULT_FEED);
    expect(result === null ? undefined : trackEventsFor(result, EVERY_FEED).storyEvent).toBeNull();
  });

  it('starts a new story for the same parties a year later, and another deal for other parties', async () => {
    const old = report({ title: 'Spotify brings playlists to Netflix', published: '2019-03-01T00:00:00Z', parties: netflixSpotify, status: 'launched', kinds: ['playlists_podcasts'] });
    const later = report({ title: 'Netflix and Spotify in talks on award shows', published: '2025-11-20T00:00:00Z', parties: netflixSpotify, status: 'in_talks', unconfirmed: true });
    const other = report({ title: 'Netflix and YouTube in talks on award shows', published: '2025-11-20T01:00:00Z', parties: ['Netflix', 'YouTube'], status: 'in_talks' });
    const a = await deals.recordClassifiedItem(old.item, old.classification);
    const b = await deals.recordClassifiedItem(later.item, later.classification);
    const c = await deals.recordClassifiedItem(other.item, other.classification);
    expect(b?.storyIsNew).toBe(true);
    expect(b?.story.id).not.toBe(a?.story.id);
    expect(b?.deal.id).toBe(a?.deal.id);
    expect(c?.deal.id).toBe('netflix+youtube');
    expect(c?.story.id).not.toBe(b?.story.id);

    const deal = await deals.getDeal(EVERY_FEED, 'netflix+spotify');
    expect(deal).toMatchObject({ status: 'in_talks', unconfirmed: true, chapter: 2, since: '2025-11-20T00:00:00.000Z', kinds: ['live_events'] });
    const timeline = await deals.getTimeline(EVERY_FEED, 'netflix+spotify');
    expect(timeline?.chapters.map((ch) => ch.steps.map((s) => `${s.reason}:${s.to}`))).toEqual([['first:launched'], ['new_chapter:in_talks']]);
  });

  it('never moves a deal backwards on a weaker report; ended moves it; resumed talks open a chapter', async () => {
    const steps = [
      report({ title: 'Netflix and Spotify sign award-show deal', published: '2025-01-10T00:00:00Z', parties: netflixSpotify, status: 'announced' }),
      report({ title: 'Netflix reportedly in talks with Spotify over more shows', published: '2025-02-10T00:00:00Z', parties: netflixSpotify, status: 'in_talks', unconfirmed: true, kinds: ['video'] }),
      report({ title: 'Netflix and Spotify end award-show partnership', published: '2025-06-01T00:00:00Z', parties: netflixSpotify, status: 'ended' }),
      report({ title: 'Netflix and Spotify back in talks', published: '2025-09-01T00:00:00Z', parties: netflixSpotify, status: 'in_talks' }),
    ];
    const changes: (string | null)[] = [];
    for (const s of steps) {
      const result = await deals.recordClassifiedItem(s.item, s.classification);
      const change = result === null ? null : trackEventsFor(result, EVERY_FEED).statusChange;
      changes.push(change === null ? null : `${change.from ?? 'none'}→${change.to}`);
    }
    expect(changes).toEqual(['none→announced', null, 'announced→ended', 'ended→in_talks']);
    const timeline = await deals.getTimeline(EVERY_FEED, 'spotify netflix');
    expect(timeline?.chapters.map((ch) => ch.steps.map((s) => s.to))).toEqual([['announced', 'ended'], ['in_talks']]);
    expect(timeline?.chapters[0]?.entries).toHaveLength(3);
    expect(timeline?.chapters[0]?.steps[0]?.sources[0]?.link).toBe(steps[0]?.item.link);
  });

  it('files a three-party story under the three-party deal, found by any pair of its parties', async () => {
    const three = report({
      title: 'Netflix, Spotify and Universal Music Group team up on award show',
      published: '2025-10-01T00:00:00Z',
      parties: ['Universal Music Group', 'Netflix', 'Spotify'],
      status: 'announced',
    });
    const pairOnly = report({
      feedUrl: OTHER_DEFAULT_FEED,
      title: 'Spotify and Netflix join Universal on award show',
      published: '2025-10-01T06:00:00Z',
      parties: ['Netflix', 'Spotify'],
      status: 'announced',
    });
    const a = await deals.recordClassifiedItem(three.item, three.classification);
    const b = await deals.recordClassifiedItem(pairOnly.item, pairOnly.classification);
    expect(a?.deal.id).toBe('netflix+spotify+universal-music-group');
    expect(b?.deal.id).toBe(a?.deal.id);
    expect(b?.story.sources).toHaveLength(2);
    expect((await deals.resolveDeal(EVERY_FEED, 'netflix spotify'))?.id).toBe('netflix+spotify+universal-music-group');
    expect((await deals.resolveDeal(EVERY_FEED, 'UMG x Netflix'))?.id).toBe('netflix+spotify+universal-music-group');
  });
});

describe('deal store: tracking a batch (back catalogue)', () => {
  const dbs: ReturnType<typeof makeTempDatabase>[] = [];
  const factories: KeyvFactory[] = [];
  const open = (db = makeTempDatabase(), batchReports?: number) => {
    if (!dbs.includes(db)) dbs.push(db);
    const keyv = openKeyvFactory(db.url, createSilentLogger());
    factories.push(keyv);
    return { db, deals: createDealStores(keyv, { batchReports }) };
  };
  afterAll(async () => {
    for (const keyv of factories) await keyv.close();
    for (const db of dbs) db.cleanup();
  });

  const history = [
    report({ title: 'Netflix and Spotify in talks over award shows', summary: 'Talks are under way on award shows.', published: '2025-09-01T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'in_talks', unconfirmed: true }),
    report({ feedUrl: OTHER_DEFAULT_FEED, title: 'Spotify and Netflix discuss award shows', summary: 'Talks are under way on award shows, a report says.', published: '2025-09-01T06:00:00Z', parties: ['Netflix', 'Spotify'], status: 'in_talks', unconfirmed: true }),
    report({ title: 'Netflix and Spotify sign award show deal', summary: 'The deal is signed.', published: '2025-10-01T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' }),
    report({ title: 'Deezer and Sony Music sign licensing deal', summary: 'A licence.', published: '2025-10-02T00:00:00Z', parties: ['Deezer', 'Sony Music'], status: 'announced', kinds: ['licensing'] }),
  ];

  it('tracks what one-by-one tracking would, and a replay changes nothing', async () => {
    const single = open().deals;
    for (const r of history) await single.recordClassifiedItem(r.item, r.classification);
    const { db, deals: batched } = open();
    expect(await batched.recordClassifiedBatch(history)).toBe(4);

    const views = async (deals: DealStore) => ({
      list: (await deals.listDeals(EVERY_FEED, {})).deals,
      timeline: await deals.getTimeline(EVERY_FEED, 'netflix+spotify'),
      stories: await deals.latestStories(EVERY_FEED, { limit: 10 }),
    });
    const expected = await views(single);
    expect(expected.stories).toHaveLength(3);
    expect(await views(batched)).toEqual(expected);

    expect(await batched.recordClassifiedBatch(history)).toBe(0);
    expect(await views(batched)).toEqual(expected);
    // Another process on the same store sees it (through the revision log).
    expect(await views(open(db).deals)).toEqual(expected);
  });

  it('never serves a deal a batch wrote over from what tracking held before it', async () => {
    const { deals } = open();
    const [talks, more, signed] = history;
    await deals.recordClassifiedItem(talks!.item, talks!.classification);
    expect(await deals.recordClassifiedBatch([more!])).toBe(1);
    await deals.recordClassifiedItem(signed!.item, signed!.classification);
    const timeline = await deals.getTimeline(EVERY_FEED, 'netflix+spotify');
    expect(timeline?.chapters.flatMap((c) => c.entries).map((e) => e.title)).toEqual([talks, more, signed].map((r) => r!.item.title));
  });

  it('tracks the same in writes of whole deals, one by one or cut short and replayed', async () => {
    const single = open().deals;
    for (const r of history) await single.recordClassifiedItem(r.item, r.classification);
    const views = async (deals: DealStore) => ({
      netflix: await deals.getTimeline(EVERY_FEED, 'netflix+spotify'),
      deezer: await deals.getTimeline(EVERY_FEED, 'deezer+sony-music'),
      stories: await deals.latestStories(EVERY_FEED, { limit: 10 }),
    });
    const expected = await views(single);
    expect(expected.netflix).toBeDefined();
    expect(expected.deezer).toBeDefined();

    // A write of one report at least: the Netflix deal's three reports still go in one write.
    const { db, deals: batched } = open(undefined, 1);
    // As if a first attempt wrote the Deezer deal and stopped: the replay completes the rest once.
    expect(await batched.recordClassifiedBatch(history.slice(3))).toBe(1);
    expect(await open(db, 1).deals.recordClassifiedBatch(history)).toBe(3);
    expect(await views(open(db).deals)).toEqual(expected);
  });
});
