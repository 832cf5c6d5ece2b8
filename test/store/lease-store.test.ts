import { createSilentLogger } from '../../src/logger';
import { createKeyvLease } from '../../src/store/lease-store';
import { openKeyvFactory } from '../../src/store/open-keyv';
import { makeTempDatabase } from '../support/temp-dir';

describe('the poll lease on SQLite (createKeyvLease)', () => {
  it('lets one of two processes sharing a store hold it, and the other once it is given up', async () => {
    const db = makeTempDatabase();
    const first = openKeyvFactory(db.url, createSilentLogger());
    const second = openKeyvFactory(db.url, createSilentLogger());
    try {
      const a = createKeyvLease(first.namespace('leases'), 'poll', 60_000, 20);
      const b = createKeyvLease(second.namespace('leases'), 'poll', 60_000, 20);
      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);
      expect(await a.acquire()).toBe(true); // renewed
      await a.release();
      expect(await b.acquire()).toBe(true);
      expect(await a.acquire()).toBe(false);
    } finally {
      await first.close();
      await second.close();
      db.cleanup();
    }
  });

  it('takes over a lease its holder left to expire', async () => {
    const db = makeTempDatabase();
    const store = openKeyvFactory(db.url, createSilentLogger());
    try {
      await store.namespace<{ owner: string; expiresAt: number }>('leases').set('poll', { owner: 'crashed', expiresAt: Date.now() - 1 });
      expect(await createKeyvLease(store.namespace('leases'), 'poll', 1000, 0).acquire()).toBe(true);
    } finally {
      await store.close();
      db.cleanup();
    }
  });

  it('takes over at once from a process on this machine that crashed holding the lease', async () => {
    const { spawnSync } = await import('node:child_process');
    const os = await import('node:os');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    const db = makeTempDatabase();
    const store = openKeyvFactory(db.url, createSilentLogger());
    try {
      await store.namespace<{ owner: string; expiresAt: number }>('leases').set('poll', {
        owner: `${os.hostname()}/${gone}/crashed`,
        expiresAt: Date.now() + 15 * 60_000,
      });
      expect(await createKeyvLease(store.namespace('leases'), 'poll', 1000, 0).acquire()).toBe(true);
    } finally {
      await store.close();
      db.cleanup();
    }
  });
});
