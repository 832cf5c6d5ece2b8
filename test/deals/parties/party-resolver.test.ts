import { createGazetteerPartyResolver } from '../../../src/deals/parties/party-resolver';

describe('createGazetteerPartyResolver', () => {
  const resolve = createGazetteerPartyResolver();

  it('finds canonical parties in free text, aliases included', () => {
    expect(resolve('netflix spotify')).toEqual(['Netflix', 'Spotify']);
    expect(resolve('Spotify x Netflix')).toEqual(['Spotify', 'Netflix']);
    expect(resolve('UMG tiktok')).toEqual(['Universal Music Group', 'TikTok']);
  });

  it('ignores joining words and words that name no party', () => {
    expect(resolve('the deal between spotify and netflix talks')).toEqual(['Spotify', 'Netflix']);
    expect(resolve('award shows')).toEqual([]);
  });
});

describe('the deal lookup with the gazetteer resolver', () => {
  it('answers "apple tidal" with nothing rather than another Tidal deal', async () => {
    const { createDealStores } = await import('../../../src/app/deal-stores');
    const { openKeyvFactory } = await import('../../../src/store/open-keyv');
    const { createSilentLogger } = await import('../../../src/logger');
    const { EVERY_FEED } = await import('../../../src/deals/scope');
    const { makeTempDatabase } = await import('../../support/temp-dir');
    const { makeClassification, makeItem } = await import('../../support/tracking-workspace');
    const db = makeTempDatabase();
    const keyv = openKeyvFactory(db.url, createSilentLogger());
    try {
      const deals = createDealStores(keyv, { resolveParties: createGazetteerPartyResolver() });
      await deals.recordClassifiedItem(
        makeItem({ title: 'Tidal bundled with T-Mobile plans' }),
        makeClassification({ parties: ['Tidal', 'T-Mobile'], status: 'announced', kinds: ['bundling'] }),
      );
      expect((await deals.resolveDeal(EVERY_FEED, 'tidal t-mobile'))?.parties.sort()).toEqual(['T-Mobile', 'Tidal']);
      expect(await deals.resolveDeal(EVERY_FEED, 'apple tidal')).toBeUndefined();
    } finally {
      await keyv.close();
      db.cleanup();
    }
  });
});
