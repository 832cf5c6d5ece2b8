import { createRuleClassifier } from '../../src/deals/classify';
import type { Classifier } from '../../src/deals/types';
import { createSilentLogger } from '../../src/logger';
import { consoleAudience } from '../../src/main';
import { createNewItemHandler } from '../../src/posts/handle-new-items';
import { createDealStores } from '../../src/store/deal-store';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { openKeyvFactory } from '../../src/store/open-keyv';
import type { OutboxEntry } from '../../src/posts/outbox';
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
    const queued: OutboxEntry[][] = [];
    const handle = createNewItemHandler({
      classifier, deals: createDealStores(keyv), audiences: async () => consoleAudience(), log: createSilentLogger(), now: () => new Date(),
      enqueue: async (entries) => queued.push(entries),
    });
    return { handle, queued };
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

  it('keeps the batch pending when every item fails (the cause is not the items)', async () => {
    const { handle } = handler({ name: 'down', classify: () => { throw new Error('model server down'); } });
    await expect(handle([poison, deal])).rejects.toThrow('model server down');
  });
});
