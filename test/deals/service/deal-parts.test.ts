import { EVERY_FEED } from '../../../src/deals/scope';
import { createSilentLogger } from '../../../src/logger';
import { openDealStorage } from '../../../src/store/deal-storage';
import { MAX_PARTS, readDeals, readStories } from '../../../src/deals/service/deal-parts';
import { createDealStore } from '../../../src/deals/service/deal-store';
import { countRecords, openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { OTHER_DEFAULT_FEED, report } from './deal-fixtures';

const HOUR = 3_600_000;
const start = Date.parse('2026-06-01T00:00:00Z');
const at = (hours: number) => new Date(start + hours * HOUR).toISOString();

/**
 * Reports of one deal, one story growing by a source per report, some arriving out of time order,
 * and one the same article through another feed (a copy of a source, which changes that source).
 */
function reports(count: number) {
  const out = Array.from({ length: count }, (_, i) =>
    report({
      title: `Netflix and Spotify sign award show deal, report ${i}`,
      summary: 'Award shows and concerts.',
      // Half an hour apart (one story), every fifth older than the one before it.
      published: at(i % 5 === 4 ? i / 2 - 1.75 : i / 2),
      parties: ['Netflix', 'Spotify'],
      status: 'announced',
    }),
  );
  const first = out[0]?.item;
  out.splice(3, 0, report({ feedUrl: OTHER_DEFAULT_FEED, link: first?.link, title: first?.title ?? '', published: at(0.1), parties: ['Netflix', 'Spotify'], status: 'announced' }));
  return out;
}

describe('deals and stories stored as a head and the parts added since (deal-parts.ts)', () => {
  it('read back exactly as tracked, before and after the parts are folded into a whole write, and across a restart', async () => {
    const db = makeTempDatabase();
    const tracked = reports(MAX_PARTS + 10);
    const wholeKeyv = openKeyvFactory(`sqlite://${db.file}.whole`, createSilentLogger());
    const whole = createDealStore(openDealStorage(wholeKeyv));
    let keyv = openKeyvFactory(db.url, createSilentLogger());
    try {
      let ns = openDealStorage(keyv);
      const store = createDealStore(ns);
      let last;
      for (const [i, r] of tracked.entries()) {
        last = await store.recordClassifiedItem(r.item, r.classification);
        if (i === 10) {
          // Ten reports in: the deal and its story are a head and ten parts, not ten whole rewrites.
          expect(await countRecords(ns.entries)).toBe(10);
          expect(await countRecords(ns.sources)).toBe(10);
        }
      }
      const [deal] = await readDeals(ns, ['netflix+spotify']);
      const [story] = await readStories(ns, [last?.story.id ?? '']);
      // What tracking held in memory after the last report is what a read puts together.
      expect(deal).toEqual(last?.deal);
      expect(story).toEqual(last?.story);
      expect(story?.sources[0]?.copies).toHaveLength(1);
      // Past MAX_PARTS parts, one write was whole and dropped them.
      expect(await countRecords(ns.entries)).toBeLessThan(MAX_PARTS);

      // The same reports tracked in memory and written whole (a rebuild, on another file): the same timeline.
      expect(await whole.rebuildDeals(tracked)).toMatchObject({ deals: 1, stories: 1 });
      const rebuiltTimeline = await whole.getTimeline(EVERY_FEED, 'netflix+spotify');
      expect(await store.getTimeline(EVERY_FEED, 'netflix+spotify')).toEqual(rebuiltTimeline);

      await keyv.close();
      keyv = openKeyvFactory(db.url, createSilentLogger());
      ns = openDealStorage(keyv);
      const reopened = createDealStore(ns);
      expect(await reopened.getTimeline(EVERY_FEED, 'netflix+spotify')).toEqual(rebuiltTimeline);
      expect(await reopened.getStory(EVERY_FEED, story?.id ?? '')).toEqual(story);

      // Retention takes sources out of the story: a whole write, which drops the parts it had.
      expect(await countRecords(ns.sources)).toBeGreaterThan(1);
      expect(await reopened.pruneStorySources(new Date(at(10)))).toBe(1);
      const [trimmed] = await readStories(ns, [story?.id ?? '']);
      expect(trimmed?.sources.map((s) => s.title)).toEqual(story?.sources.filter((s, i) => i === 0 || s.at >= at(10)).map((s) => s.title));
      expect(await countRecords(ns.sources)).toBeLessThanOrEqual(1);
    } finally {
      await keyv.close();
      await wholeKeyv.close();
      db.cleanup();
    }
  });
});
