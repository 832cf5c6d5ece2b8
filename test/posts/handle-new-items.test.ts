import { createRuleClassifier } from '../../src/deals/classify';
import { EVERY_FEED } from '../../src/deals/scope';
import type { Classifier } from '../../src/deals/types';
import { createSilentLogger } from '../../src/logger';
import { consoleAudience } from '../../src/main';
import { createNewItemHandler } from '../../src/posts/handle-new-items';
import { createDealStores } from '../../src/store/deal-store';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { openKeyvFactory } from '../../src/store/open-keyv';
import { createOutboxStore } from '../../src/store/outbox-store';
import { makeTempDatabase } from '../support/temp-dir';
import { makeItem } from '../support/tracking-workspace';

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

  function handler(classifier: Classifier) {
    const outbox = createOutboxStore({ outbox: keyv.namespace('outbox'), sent: keyv.namespace('sent'), messages: keyv.namespace('messages') });
    const deals = createDealStores(keyv);
    const classified: string[] = [];
    const handle = createNewItemHandler({
      classifier, deals, outbox, audiences: async () => consoleAudience(), log: createSilentLogger(), now: () => new Date(),
      onClassified: (item) => void classified.push(item.title),
    });
    return { handle, outbox, deals, classified };
  }

  const deal = makeItem({
    title: 'Universal Music Group signs new licensing agreement with TikTok',
    summary: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.',
  });
  const poison = makeItem({ title: 'POISON' });

  it('skips an item that cannot be processed and goes on with the others', async () => {
    const rules = createRuleClassifier();
    const { handle, outbox } = handler({
      name: 'breaks on one item',
      classify: (input) => {
        if (input.title === 'POISON') throw new Error('classifier bug');
        return rules.classify(input);
      },
    });
    await handle([poison, deal]);
    expect((await outbox.due(new Date(Date.now() + 1000))).map((e) => e.post.type === 'digest' ? '' : e.post.title)).toEqual([deal.title]);
  });

  it('tracks back catalogue so deal answers know it, and neither posts nor announces it', async () => {
    const { handle, outbox, deals, classified } = handler(createRuleClassifier());
    await handle([{ ...deal, backlog: true }]);
    expect(await outbox.due(new Date(Date.now() + 1000))).toEqual([]);
    expect(classified).toEqual([]);
    expect(await deals.resolveDeal(EVERY_FEED, 'umg tiktok')).toMatchObject({ parties: ['TikTok', 'Universal Music Group'], status: 'announced' });
    expect((await deals.latestStories(EVERY_FEED)).map((s) => s.title)).toEqual([deal.title]);
  });

  it('tracks a cycle\'s items before it plans their posts, so a post the cycle overtook says so', async () => {
    const { handle, outbox } = handler(createRuleClassifier());
    const talks = makeItem({
      title: 'Universal Music Group and TikTok in talks over new licensing deal',
      summary: 'Universal Music Group is in talks with TikTok about a new licensing agreement, people familiar with the matter said.',
      published: '2026-11-20T08:00:00.000Z', firstSeen: '2026-11-20T08:05:00.000Z',
    });
    await handle([talks, deal]);
    const posts = (await outbox.due(new Date(Date.now() + 1000))).map((e) => e.post);
    expect(posts.map((p) => (p.type === 'digest' ? p.type : [p.type, p.status, p.laterStatus?.status]))).toEqual([
      ['story', 'in_talks', 'announced'],
      ['status_change', 'announced', undefined],
    ]);
  });

  it('keeps the batch pending when every item fails (the cause is not the items)', async () => {
    const { handle } = handler({ name: 'down', classify: () => { throw new Error('model server down'); } });
    await expect(handle([poison, deal])).rejects.toThrow('model server down');
  });
});
