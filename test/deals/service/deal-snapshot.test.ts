import { generateSyntheticDeals } from '../../../src/bench/synthetic-deal-items';
import { createScope, EVERY_FEED } from '../../../src/deals/scope';
import type { Scope } from '../../../src/deals/tracking-types';
import { createSilentLogger } from '../../../src/logger';
import { loadDealIndex } from '../../../src/deals/service/deal-cache';
import type { DealIndex } from '../../../src/deals/service/deal-index';
import { dealEntries } from '../../../src/deals/service/deal-summary';
import { openDealStorage } from '../../../src/store/deal-storage';
import { readRevision } from '../../../src/deals/service/deal-revision';
import { loadSnapshot } from '../../../src/deals/service/deal-snapshot';
import type { DealStore } from '../../../src/deals/service/deal-store';
import { createDealStores } from '../../../src/app/deal-stores';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';

const corpus = generateSyntheticDeals({ items: 2_400, deals: 200, defaultFeeds: 6, serverFeeds: 20, seed: 11 });
const stored = corpus.items.slice(0, 2_000);
const later = corpus.items.slice(2_000);
const scopes: [string, Scope][] = [
  ['every feed', EVERY_FEED],
  ['one server', createScope(corpus.defaultFeedUrls, corpus.serverFeedUrls.slice(0, 2))],
];

/** What the commands would show, for a fixed set of questions. */
async function answers(deals: DealStore): Promise<unknown> {
  const out: unknown[] = [];
  for (const [name, scope] of scopes) {
    for (const parties of corpus.partySets.slice(0, 12)) {
      out.push([name, 'find', await deals.findDeals(scope, parties.join(' '))]);
      out.push([name, 'timeline', await deals.getTimeline(scope, parties.slice(0, 2).join(' x '))]);
      out.push([name, 'autocomplete', await deals.autocompleteDeals(scope, (parties[0] ?? '').slice(0, 3))]);
    }
    for (const status of [undefined, 'announced', 'ended'] as const) out.push([name, 'list', await deals.listDeals(scope, { status, limit: 10, offset: 5 })]);
    for (const words of ['award shows', 'podcast', 'denies', 'royalty terms']) out.push([name, 'search', await deals.searchStories(scope, words)]);
    out.push([name, 'latest', await deals.latestStories(scope, { limit: 8 })]);
    out.push([name, 'latest for a party', await deals.latestStories(scope, { party: corpus.partySets[0]?.[0], limit: 8 })]);
  }
  return out;
}

/** The index as plain data, with term ids replaced by their words (ids depend on load order). */
function indexContents(index: DealIndex): unknown {
  const deals = [...index.deals.values()].map((d) => ({
    id: d.id, parties: d.parties, view: d.view, entries: dealEntries(d).map((e) => ({ ...e, feed: index.feeds[e.feed] })),
  }));
  const stories = [...index.stories.values()].map((s) => ({
    id: s.id, dealId: s.dealId, sources: s.sources, lastMs: s.lastMs,
    terms: s.terms.map((t) => index.terms[t]).sort(), feeds: s.sourceFeeds.map((f) => index.feeds[f]), times: s.sourceTimes,
  }));
  return { deals: deals.sort((a, b) => (a.id < b.id ? -1 : 1)), stories: stories.sort((a, b) => (a.id < b.id ? -1 : 1)) };
}

describe('the deal index across a restart (its snapshot, then the revision log)', () => {
  it('answers every question the same after a restart, with deals tracked after the snapshot', async () => {
    const db = makeTempDatabase();
    const first = openKeyvFactory(db.url, createSilentLogger());
    try {
      const deals = createDealStores(first);
      await deals.rebuildDeals(stored);
      await deals.warm();
      expect(await deals.saveSnapshot()).toBe(true);
      expect(await deals.saveSnapshot()).toBe(false); // nothing new since
      for (const { item, classification } of later) await deals.recordClassifiedItem(item, classification);
      const before = await answers(deals);

      const restarted = openKeyvFactory(db.url, createSilentLogger());
      try {
        const ns = openDealStorage(restarted);
        const head = await readRevision(ns);
        const fromSnapshot = await loadSnapshot(ns, head);
        expect(fromSnapshot).toBeDefined();
        expect(fromSnapshot?.revision.rev).toBeLessThan(head.rev);
        const again = createDealStores(restarted);
        await again.warm();
        expect(await answers(again)).toEqual(before);
        // The snapshot's index, brought up to date, holds what reading every record gives.
        expect(await again.saveSnapshot()).toBe(true);
        const [snapshotIndex, fullIndex] = await Promise.all([loadSnapshot(ns, head), loadDealIndex(ns, head)]);
        expect(indexContents(snapshotIndex as DealIndex)).toEqual(indexContents(fullIndex));
      } finally {
        await restarted.close();
      }
    } finally {
      await first.close();
      db.cleanup();
    }
  });

  it('reads every record when the snapshot is of another epoch (a rebuild since)', async () => {
    const db = makeTempDatabase();
    const keyv = openKeyvFactory(db.url, createSilentLogger());
    try {
      const deals = createDealStores(keyv);
      await deals.rebuildDeals(stored.slice(0, 500));
      await deals.warm();
      await deals.saveSnapshot();
      await deals.rebuildDeals(stored);
      const ns = openDealStorage(keyv);
      expect(await loadSnapshot(ns, await readRevision(ns))).toBeUndefined();
      const fresh = createDealStores(keyv);
      await fresh.warm();
      expect((await fresh.listDeals(EVERY_FEED, {})).total).toBe((await deals.listDeals(EVERY_FEED, {})).total);
      expect((await fresh.listDeals(EVERY_FEED, {})).total).toBeGreaterThan(150);
    } finally {
      await keyv.close();
      db.cleanup();
    }
  });
});
