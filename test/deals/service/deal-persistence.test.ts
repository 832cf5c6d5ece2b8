import { EVERY_FEED } from '../../../src/deals/scope';
import { createSilentLogger } from '../../../src/logger';
import { createDealStores } from '../../../src/app/deal-stores';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { report } from './deal-fixtures';

describe('deal store: persistence and the shared cache', () => {
  const db = makeTempDatabase();
  afterAll(() => db.cleanup());

  const talks = report({ title: 'Netflix and Spotify in talks', published: '2025-11-01T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'in_talks' });
  const signed = report({ title: 'Netflix and Spotify sign deal', published: '2025-11-10T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'announced' });
  const other = report({ title: 'Deezer and Sony Music renew licence', published: '2025-11-11T00:00:00Z', parties: ['Deezer', 'Sony Music'], status: 'announced', kinds: ['licensing'] });

  it('keeps deals and stories across a reopen of the SQLite file', async () => {
    const first = openKeyvFactory(db.url, createSilentLogger());
    const deals = createDealStores(first);
    await deals.recordClassifiedItem(talks.item, talks.classification);
    await first.close();

    const reopened = openKeyvFactory(db.url, createSilentLogger());
    const again = createDealStores(reopened);
    expect(await again.getDeal(EVERY_FEED, 'netflix+spotify')).toMatchObject({ status: 'in_talks', reports: 1 });
    const repeat = await again.recordClassifiedItem(talks.item, talks.classification);
    expect(repeat?.repeated).toBe(true);
    expect(repeat?.storyIsNew).toBe(true);
    expect((await again.getDeal(EVERY_FEED, 'netflix+spotify'))?.reports).toBe(1);
    await reopened.close();
  });

  it('sees a write made through another store instance (another process) on the same file', async () => {
    const writerKeyv = openKeyvFactory(db.url, createSilentLogger());
    const readerKeyv = openKeyvFactory(db.url, createSilentLogger());
    const writer = createDealStores(writerKeyv);
    const reader = createDealStores(readerKeyv);
    await reader.warm();
    expect((await reader.getDeal(EVERY_FEED, 'netflix+spotify'))?.status).toBe('in_talks');

    await writer.recordClassifiedItem(signed.item, signed.classification);
    await writer.recordClassifiedItem(other.item, other.classification);
    expect((await reader.getDeal(EVERY_FEED, 'netflix+spotify'))?.status).toBe('announced');
    expect((await reader.listDeals(EVERY_FEED, {})).total).toBe(2);
    expect((await reader.searchStories(EVERY_FEED, 'renew'))[0]?.dealId).toBe('deezer+sony-music');

    // A rebuild (new epoch) through the writer: the reader reloads everything, finding and ranking
    // from its previous index until the reload is done (a reload can take seconds on a large store);
    // what it shows of a deal is read from the store's records, so it is already the rebuilt one.
    const summary = await writer.rebuildDeals([talks, other]);
    expect(summary).toMatchObject({ items: 2, tracked: 2, deals: 2, stories: 2 });
    expect((await reader.listDeals(EVERY_FEED, { status: 'announced' })).total).toBe(2);
    expect((await reader.getDeal(EVERY_FEED, 'netflix+spotify'))?.status).toBe('in_talks');
    await reader.warm();
    expect((await reader.listDeals(EVERY_FEED, { status: 'announced' })).total).toBe(1);
    expect((await reader.getDeal(EVERY_FEED, 'netflix+spotify'))?.status).toBe('in_talks');
    expect((await writer.getDeal(EVERY_FEED, 'netflix+spotify'))?.status).toBe('in_talks');
    await writerKeyv.close();
    await readerKeyv.close();
  });
});
