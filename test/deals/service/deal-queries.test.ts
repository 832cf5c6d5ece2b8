import { EVERY_FEED } from '../../../src/deals/scope';
import { createSilentLogger } from '../../../src/logger';
import { createDealStores } from '../../../src/app/deal-stores';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { report } from './deal-fixtures';

describe('deal store: lookups, lists and search', () => {
  const db = makeTempDatabase();
  const keyv = openKeyvFactory(db.url, createSilentLogger());
  const deals = createDealStores(keyv);
  afterAll(async () => {
    await keyv.close();
    db.cleanup();
  });

  beforeAll(async () => {
    const reports = [
      report({ title: 'Netflix and Spotify team up on award shows', published: '2025-11-20T00:00:00Z', parties: ['Netflix', 'Spotify'], status: 'in_talks', kinds: ['live_events'] }),
      report({ title: 'Universal Music Group licenses catalogue to TikTok', summary: 'A new licensing agreement covers royalties.', published: '2025-10-01T00:00:00Z', parties: ['Universal Music Group', 'TikTok'], status: 'announced', kinds: ['licensing'] }),
      report({ title: 'Warner Music Group and Netflix near documentary deal', published: '2025-09-01T00:00:00Z', parties: ['Warner Music Group', 'Netflix'], status: 'in_talks', kinds: ['content_coproduction'] }),
      report({ title: 'Warner Bros. Discovery and Spotify podcast slate', published: '2025-08-01T00:00:00Z', parties: ['Warner Bros. Discovery', 'Spotify'], status: 'announced', kinds: ['playlists_podcasts'] }),
      report({ title: 'Spotify launches in Uber cars', published: '2025-07-01T00:00:00Z', parties: ['Spotify', 'Uber'], status: 'launched', kinds: ['integration'] }),
    ];
    for (const r of reports) await deals.recordClassifiedItem(r.item, r.classification);
  });

  it('finds a deal however its parties are written', async () => {
    for (const text of ['netflix spotify', 'Spotify x Netflix', 'spotify × netflix', 'netflix+spotify', 'NETFLIX & SPOTIFY']) {
      expect((await deals.resolveDeal(EVERY_FEED, text))?.id).toBe('netflix+spotify');
    }
    expect((await deals.resolveDeal(EVERY_FEED, 'UMG tiktok'))?.id).toBe('tiktok+universal-music-group');
    expect((await deals.resolveDeal(EVERY_FEED, 'universal music'))?.id).toBe('tiktok+universal-music-group');
    expect((await deals.resolveDeal(EVERY_FEED, 'Universal'))?.id).toBe('tiktok+universal-music-group');
    expect((await deals.findDeals(EVERY_FEED, 'warner')).map((d) => d.id).sort()).toEqual(['netflix+warner-music-group', 'spotify+warner-bros-discovery']);
    expect((await deals.findDeals(EVERY_FEED, 'warner netflix')).map((d) => d.id)).toEqual(['netflix+warner-music-group']);
    expect(await deals.findDeals(EVERY_FEED, 'apple amazon')).toEqual([]);
  });

  it('accepts a resolver from the gazetteer', async () => {
    const withResolver = createDealStores(keyv, { resolveParties: (text) => (/\bthe big u\b/i.test(text) ? ['Universal Music Group'] : []) });
    expect((await withResolver.resolveDeal(EVERY_FEED, 'the big U and tiktok'))?.id).toBe('tiktok+universal-music-group');
  });

  it('autocompletes over known deals', async () => {
    const choices = await deals.autocompleteDeals(EVERY_FEED, 'spot');
    expect(choices.map((c) => c.value)).toEqual(['netflix+spotify', 'spotify+warner-bros-discovery', 'spotify+uber']);
    expect(choices[0]?.name).toBe('Netflix × Spotify — in talks');
    expect((await deals.autocompleteDeals(EVERY_FEED, 'spotify ub')).map((c) => c.value)).toEqual(['spotify+uber']);
    expect(await deals.autocompleteDeals(EVERY_FEED, '')).toHaveLength(5);
  });

  it('pages the list, newest activity first, with filters', async () => {
    const first = await deals.listDeals(EVERY_FEED, { limit: 2, offset: 0 });
    const second = await deals.listDeals(EVERY_FEED, { limit: 2, offset: 2 });
    const third = await deals.listDeals(EVERY_FEED, { limit: 2, offset: 4 });
    expect(first.total).toBe(5);
    expect([...first.deals, ...second.deals, ...third.deals].map((d) => d.id)).toEqual([
      'netflix+spotify',
      'tiktok+universal-music-group',
      'netflix+warner-music-group',
      'spotify+warner-bros-discovery',
      'spotify+uber',
    ]);
    expect(third.deals).toHaveLength(1);
    expect((await deals.listDeals(EVERY_FEED, { status: 'in_talks' })).deals.map((d) => d.id)).toEqual(['netflix+spotify', 'netflix+warner-music-group']);
    expect((await deals.listDeals(EVERY_FEED, { party: 'spotify', limit: 10 })).total).toBe(3);
    expect((await deals.listDeals(EVERY_FEED, { party: 'umg' })).deals.map((d) => d.id)).toEqual(['tiktok+universal-music-group']);
    expect((await deals.listDeals(EVERY_FEED, { party: 'nobody at all' })).total).toBe(0);
  });

  it('returns the latest stories and searches them by words, parties or kinds', async () => {
    expect((await deals.latestStories(EVERY_FEED, { limit: 2 })).map((s) => s.title)).toEqual([
      'Netflix and Spotify team up on award shows',
      'Universal Music Group licenses catalogue to TikTok',
    ]);
    expect((await deals.latestStories(EVERY_FEED, { party: 'Spotify', limit: 5 })).map((s) => s.dealId)).toEqual([
      'netflix+spotify',
      'spotify+warner-bros-discovery',
      'spotify+uber',
    ]);
    expect((await deals.searchStories(EVERY_FEED, 'royalties'))[0]?.dealId).toBe('tiktok+universal-music-group');
    expect((await deals.searchStories(EVERY_FEED, 'licensing'))[0]?.dealId).toBe('tiktok+universal-music-group');
    expect((await deals.searchStories(EVERY_FEED, 'netflix documentary'))[0]?.dealId).toBe('netflix+warner-music-group');
    expect((await deals.searchStories(EVERY_FEED, 'podcasts')).map((s) => s.dealId)).toEqual(['spotify+warner-bros-discovery']);
    expect(await deals.searchStories(EVERY_FEED, 'xylophone')).toEqual([]);
  });

  it('keeps a listed scope up to date as new reports arrive', async () => {
    const other = createDealStores(keyv);
    expect((await other.listDeals(EVERY_FEED, { limit: 1 })).deals[0]?.id).toBe('netflix+spotify');
    const ended = report({ title: 'Spotify and Uber end in-car deal', published: '2025-12-01T00:00:00Z', parties: ['Spotify', 'Uber'], status: 'ended', kinds: ['integration'] });
    await other.recordClassifiedItem(ended.item, ended.classification);
    const page = await other.listDeals(EVERY_FEED, { limit: 2 });
    expect(page.total).toBe(5);
    expect(page.deals.map((d) => [d.id, d.status])).toEqual([['spotify+uber', 'ended'], ['netflix+spotify', 'in_talks']]);
    expect((await other.listDeals(EVERY_FEED, { status: 'launched' })).total).toBe(0);
  });
});
