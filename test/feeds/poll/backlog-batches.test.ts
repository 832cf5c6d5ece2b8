import { createBacklogBatches } from '../../../src/feeds/poll/backlog-batches';
import type { NewsItem } from '../../../src/news/item';

const item = (key: string): NewsItem => ({
  key, feedUrl: `https://${key}.example/rss`, feedName: key, title: key, summary: '', categories: [], firstSeen: '2026-12-01T00:00:00Z', backlog: true,
});

/** A hand-over that holds each batch until released. */
function heldHandOver() {
  const batches: string[][] = [];
  const releases: (() => void)[] = [];
  const handOver = async (items: NewsItem[]) => {
    batches.push(items.map((i) => i.key));
    await new Promise<void>((resolve) => releases.push(resolve));
  };
  const releaseNext = async () => {
    releases.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { batches, handOver, releaseNext };
}

describe('backlog batches', () => {
  it('hands over the backlogs that arrive while a batch is handed over together, in the next batch', async () => {
    const held = heldHandOver();
    const backlog = createBacklogBatches(held.handOver);
    const done = [backlog.add([item('a')]), backlog.add([item('b'), item('c')]), backlog.add([]), backlog.add([item('d')])];
    expect(held.batches).toEqual([['a']]);
    await held.releaseNext();
    expect(held.batches).toEqual([['a'], ['b', 'c', 'd']]);
    await held.releaseNext();
    await Promise.all(done);
    const last = backlog.add([item('e')]);
    expect(held.batches).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    await held.releaseNext();
    await last;
  });

  it('resolves a feed\'s call only once its own items are handed over', async () => {
    const held = heldHandOver();
    const backlog = createBacklogBatches(held.handOver);
    let handedOver = false;
    void backlog.add([item('a')]).then(() => {
      handedOver = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(handedOver).toBe(false);
    await held.releaseNext();
    expect(handedOver).toBe(true);
  });

  it('has room while fewer than the most allowed items wait, and makes room when it takes them as a batch', async () => {
    const held = heldHandOver();
    const backlog = createBacklogBatches(held.handOver, 3);
    const done = [backlog.add([item('a')])];
    // 'a' is being handed over; what arrives now waits.
    done.push(backlog.add([item('b'), item('c')]));
    let room = false;
    const roomNow = async () => {
      room = false;
      void backlog.room().then(() => {
        room = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      return room;
    };
    expect(await roomNow()).toBe(true);
    done.push(backlog.add([item('d')]));
    expect(await roomNow()).toBe(false);
    // Taking b, c, d as the next batch makes room at once, before that batch is handed over.
    await held.releaseNext();
    expect(held.batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(room).toBe(true);
    await held.releaseNext();
    await Promise.all(done);
  });

  it('fails every feed of a batch that failed, and goes on with the next batch', async () => {
    const handed: string[] = [];
    const backlog = createBacklogBatches(async (items) => {
      if (items.some((i) => i.key === 'bad')) throw new Error('store down');
      handed.push(...items.map((i) => i.key));
    });
    const results = await Promise.allSettled([backlog.add([item('bad')]), backlog.add([item('x')]), backlog.add([item('y')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(handed).toEqual(['x', 'y']);
  });
});
