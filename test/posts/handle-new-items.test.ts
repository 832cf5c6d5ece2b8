import { createRuleClassifier } from '../../src/deals/classify';
import { EVERY_FEED } from '../../src/deals/scope';
import type { Classifier } from '../../src/deals/types';
import { createSilentLogger } from '../../src/logger';
import { consoleAudience } from '../../src/app';
import { createNewItemHandler, NEW_ITEMS_CHUNK } from '../../src/posts/handle-new-items';
import { createDealStores } from '../../src/app/deal-stores';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { openKeyvFactory } from '../../src/store/open-keyv';
import type { OutboxEntry } from '../../src/posts/outbox';
import type { DealStore } from '../../src/deals/service';
import { makeTempDatabase } from '../support/temp-dir';
import { makeClassification, makeItem } from '../support/tracking-workspace';

describe('the new-item handler', () => {
  let db: ReturnType<typeof makeTempDatabase>;
  let keyv: KeyvFactory;
  beforeEach(() => {
    db = makeTempDatabase();
    keyv = openKeyvFactory(db.url, createSilentLogger());
  });
  afterEach(async () => {
    await keyv.close();
    db.cleanup();
  });

  function handler(classifier: Classifier, wrap: (store: DealStore) => DealStore = (store) => store) {
    const queued: OutboxEntry[][] = [];
    const deals = createDealStores(keyv);
    const classified: string[] = [];
    const handle = createNewItemHandler({
      classifier, deals: wrap(deals), audiences: async () => consoleAudience(), log: createSilentLogger(), now: () => new Date(),
      enqueue: async (entries) => queued.push(entries),
      onClassified: (item) => void classified.push(item.title),
    });
    const posts = () => queued.flat().map((e) => e.post);
    return { handle, queued, posts, deals, classified };
  }

  const deal = makeItem({
    title: 'Universal Music Group signs new licensing agreement with TikTok',
    summary: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.',
  });
  const poison = makeItem({ title: 'POISON' });

  it('skips an item that cannot be processed and goes on with the others', async () => {
    const rules = createRuleClassifier();
    const { handle, queued } = handler({
      name: 'breaks on one item',
      classify: (input) => {
        if (input.title === 'POISON') throw new Error('classifier bug');
        return rules.classify(input);
      },
    });
    await handle([poison, deal]);
    // The cycle's posts are queued together, in one call.
    expect(queued.map((batch) => batch.map((e) => (e.post.type === 'story' ? e.post.title : '')))).toEqual([[deal.title]]);
  });

  it('tracks back catalogue so deal answers know it, and neither posts nor announces it', async () => {
    const { handle, posts, deals, classified } = handler(createRuleClassifier());
    await handle([{ ...deal, backlog: true }]);
    expect(posts()).toEqual([]);
    expect(classified).toEqual([]);
    expect(await deals.resolveDeal(EVERY_FEED, 'umg tiktok')).toMatchObject({ parties: ['TikTok', 'Universal Music Group'], status: 'announced' });
    expect((await deals.latestStories(EVERY_FEED)).map((s) => s.title)).toEqual([deal.title]);
  });

  it('tracks a cycle\'s items before it plans their posts, so a post the cycle overtook says so', async () => {
    const { handle, posts } = handler(createRuleClassifier());
    const talks = makeItem({
      title: 'Universal Music Group and TikTok in talks over new licensing deal',
      summary: 'Universal Music Group is in talks with TikTok about a new licensing agreement, people familiar with the matter said.',
      published: '2026-11-20T08:00:00.000Z', firstSeen: '2026-11-20T08:05:00.000Z',
    });
    await handle([talks, deal]);
    expect(posts().map((p) => (p.type === 'story' || p.type === 'status_change' ? [p.type, p.status, p.laterStatus?.status] : p.type))).toEqual([
      ['story', 'in_talks', 'announced'],
      ['status_change', 'announced', undefined],
    ]);
  });

  it('keeps the batch pending when every item fails (the cause is not the items)', async () => {
    const { handle } = handler({ name: 'down', classify: () => { throw new Error('model server down'); } });
    await expect(handle([poison, deal])).rejects.toThrow('model server down');
  });

  it('tracks and plans a big cycle a chunk at a time, posts every story of it, and queues them in one round', async () => {
    // Each item a deal of its own (Spotify and "Label n"): one new story, one post each.
    const { handle, queued, deals } = handler({ name: 'one deal per item', classify: (input) => makeClassification({ parties: ['Spotify', input.title] }) });
    const items = Array.from({ length: NEW_ITEMS_CHUNK + 7 }, (_, n) => makeItem({ title: `Label ${n}` }));
    await handle(items);
    // One call: the delivery loop caps each channel's round (no floods), so chunks must not make rounds.
    expect(queued.map((batch) => batch.length)).toEqual([NEW_ITEMS_CHUNK + 7]);
    expect(new Set(queued.flat().map((e) => (e.post.type === 'story' ? e.post.title : ''))).size).toBe(items.length);
    expect((await deals.listDeals(() => true, { limit: 1 })).total).toBe(items.length);
  });

  it('tracks a back catalogue item by item when its batch fails part way, and nothing twice', async () => {
    // The store wrote the first two reports' deals, then failed: the handler goes on one by one.
    const { handle, posts, deals } = handler(
      { name: 'one deal per item', classify: (input) => makeClassification({ parties: ['Spotify', input.title] }) },
      (store) => ({
        ...store,
        async recordClassifiedBatch(items) {
          await store.recordClassifiedBatch(items.slice(0, 2));
          throw new Error('tracking bug');
        },
      }),
    );
    await handle(['Label A', 'Label B', 'Label C'].map((title) => makeItem({ title, backlog: true })));
    expect(posts()).toEqual([]);
    const page = await deals.listDeals(EVERY_FEED, { limit: 10 });
    expect(page.total).toBe(3);
    expect(page.deals.map((d) => [d.reports, d.stories])).toEqual([[1, 1], [1, 1], [1, 1]]);
  });
});
