import { createBacklogBatches } from '../../../src/feeds/poll/backlog-batches';
import type { NewsItem } from '../../../src/news/item';

const item = (key: string): NewsItem => ({
  key, feedUrl: `https://${key}.example/rss`, feedName: key, title: key, summary: '', categories: [], firstSeen: '2026-12-01T00:00:00Z', backlog: true,
});

describe('backlog batches', () => {
  it('hands over the backlogs that arrive while a batch is handed over together, in the next batch', async () => {
    const batches: string[][] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => {
      release = resolve;
    });
    const handOver = createBacklogBatches(async (items) => {
      batches.push(items.map((i) => i.key));
      if (batches.length === 1) await first;
    });
    const done = [handOver([item('a')]), handOver([item('b'), item('c')]), handOver([]), handOver([item('d')])];
    expect(batches).toEqual([['a']]);
    release();
    await Promise.all(done);
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    await handOver([item('e')]);
    expect(batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
  });

  it('fails every feed of a batch that failed, and goes on with the next batch', async () => {
    const handed: string[] = [];
    const handOver = createBacklogBatches(async (items) => {
      if (items.some((i) => i.key === 'bad')) throw new Error('store down');
      handed.push(...items.map((i) => i.key));
    });
    const results = await Promise.allSettled([handOver([item('bad')]), handOver([item('x')]), handOver([item('y')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(handed).toEqual(['x', 'y']);
  });
});
