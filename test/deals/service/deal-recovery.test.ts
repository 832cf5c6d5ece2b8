import { EVERY_FEED } from '../../../src/deals/scope';
import { planTracking } from '../../../src/deals/stories/track-item';
import { createSilentLogger } from '../../../src/logger';
import { openDealStorage } from '../../../src/store/deal-storage';
import { createStoreRecords } from '../../../src/deals/service/deal-records';
import { createDealStore } from '../../../src/deals/service/deal-store';
import { itemId } from '../../../src/shared/item-id';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { OTHER_DEFAULT_FEED, report } from './deal-fixtures';

describe('deal store: crashes and rebuilds', () => {
  const db = makeTempDatabase();
  const keyv = openKeyvFactory(db.url, createSilentLogger());
  const ns = openDealStorage(keyv);
  const deals = createDealStore(ns);
  afterAll(async () => {
    await keyv.close();
    db.cleanup();
  });

  const first = report({ title: 'Netflix and Spotify sign award show deal', published: '2025-11-01T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' });
  const second = report({ feedUrl: OTHER_DEFAULT_FEED, title: 'Spotify, Netflix agree award show partnership', published: '2025-11-01T06:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' });

  it('completes an item whose story was written but whose deal was not (a crash in between)', async () => {
    await deals.recordClassifiedItem(first.item, first.classification);
    // The crash: only the story write of the second item happened.
    const plan = await planTracking(createStoreRecords(ns), { itemId: itemId(second.item), ...second });
    await ns.stories.set(plan?.story.id ?? '', plan?.story);

    const replay = await deals.recordClassifiedItem(second.item, second.classification);
    expect(replay).toMatchObject({ repeated: false, storyIsNew: false, sourceAdded: true });
    expect(replay?.story.sources).toHaveLength(2);
    expect(replay?.deal.entries.map((e) => e.itemId)).toEqual([itemId(first.item), itemId(second.item)]);
    expect((await deals.getDeal(EVERY_FEED, 'netflix+spotify'))?.reports).toBe(2);
  });

  it('rebuilds the same timelines from the items, whatever order they come in', async () => {
    const ended = report({ title: 'Netflix and Spotify end award show deal', published: '2026-03-01T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'ended' });
    await deals.recordClassifiedItem(ended.item, ended.classification);
    const live = await deals.getTimeline(EVERY_FEED, 'netflix+spotify');

    const summary = await deals.rebuildDeals([ended, second, first]);
    expect(summary).toMatchObject({ items: 3, tracked: 3, deals: 1, stories: 2 });
    const rebuilt = await deals.getTimeline(EVERY_FEED, 'netflix+spotify');
    expect(rebuilt?.deal.status).toBe('ended');
    expect(rebuilt?.chapters.map((c) => c.steps.map((s) => s.to))).toEqual(live?.chapters.map((c) => c.steps.map((s) => s.to)));
    expect(rebuilt?.chapters[0]?.entries.map((e) => e.itemId)).toEqual(live?.chapters[0]?.entries.map((e) => e.itemId));
  });
});
