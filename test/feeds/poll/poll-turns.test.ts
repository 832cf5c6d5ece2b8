import { createPollTurns } from '../../../src/feeds/poll';
import type { PollTurns } from '../../../src/feeds/poll';
import { createSilentLogger } from '../../../src/logger';
import { createKeyvLease } from '../../../src/store/lease-store';
import type { LeaseRecord } from '../../../src/store/lease-store';
import type { OpenedStore } from '../../../src/store/open-keyv';
import { openKeyvFactory } from '../../../src/store/open-keyv';
import { makeTempDatabase } from '../../support/temp-dir';
import { waitUntil } from '../../support/wait-until';

/** Two processes sharing one SQLite store, each with its poll turns over the store's poll lease. */
async function withTwoProcesses(test: (a: PollTurns, b: PollTurns, stores: OpenedStore[]) => Promise<void>): Promise<void> {
  const db = makeTempDatabase();
  const stores = [openKeyvFactory(db.url, createSilentLogger()), openKeyvFactory(db.url, createSilentLogger())];
  const [a, b] = stores.map((store) => createPollTurns(createKeyvLease(store.namespace('leases'), 'poll-cycle', 60_000, 20), createSilentLogger(), 20)) as [PollTurns, PollTurns];
  try {
    await test(a, b, stores);
  } finally {
    await a.stop();
    await b.stop();
    for (const store of stores) await store.close();
    db.cleanup();
  }
}

describe('poll turns: one process polls at a time among those sharing a store', () => {
  it('runs a cycle only in the process holding the poll lease; another skips its turn', async () => {
    await withTwoProcesses(async (a, b) => {
      const ran: string[] = [];
      expect(await a.run(async () => ran.push('a'))).toBe(1);
      expect(await b.run(async () => ran.push('b'))).toBeUndefined();
      expect(await a.run(async () => ran.push('a again'))).toBe(2);
      expect(ran).toEqual(['a', 'a again']);
    });
  });

  it("stops the holder's running cycle once another process has taken the lease over", async () => {
    await withTwoProcesses(async (a, _b, [store]) => {
      a.start(() => undefined);
      const outcome = await a.run(async (signal) => {
        // Another process took the lease over (this one was paused past its expiry, say).
        await store?.namespace<LeaseRecord>('leases').set('poll-cycle', { owner: 'another-host/1/x', expiresAt: Date.now() + 60_000 });
        await waitUntil(() => signal.aborted, 'the cycle to be told to stop');
        return 'stopped';
      });
      expect(outcome).toBe('stopped');
      expect(await a.run(async () => 'polled')).toBeUndefined();
    });
  });

  it('lets another process take over and poll at once when the holder gives the lease up', async () => {
    await withTwoProcesses(async (a, b) => {
      expect(await a.run(async () => 'a polls')).toBe('a polls');
      let tookOver = false;
      b.start(() => {
        tookOver = true;
      });
      await a.stop();
      await waitUntil(() => tookOver, 'the other process to take the poll lease over');
      expect(await b.run(async () => 'b polls')).toBe('b polls');
      expect(await a.run(async () => 'a polls')).toBeUndefined();
    });
  });
});
