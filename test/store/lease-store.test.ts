import { createSilentLogger } from '../../src/logger';
import { createLease } from '../../src/store/lease-store';
import { openKeyvFactory } from '../../src/store/open-keyv';
import { makeTempDatabase } from '../support/temp-dir';

describe('createLease', () => {
  it('lets one of two processes sharing a store run the cycle, and the other after it is done', async () => {
    const db = makeTempDatabase();
    const first = openKeyvFactory(db.url, createSilentLogger());
    const second = openKeyvFactory(db.url, createSilentLogger());
    try {
      const a = createLease(first.namespace('leases'), 20);
      const b = createLease(second.namespace('leases'), 20);
      let release: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const ran: string[] = [];
      const aRun = a.runExclusive('poll', 60_000, async () => {
        ran.push('a');
        await holding;
      });
      while (!ran.includes('a')) await new Promise((resolve) => setTimeout(resolve, 10)); // a holds it now
      expect(await b.runExclusive('poll', 60_000, async () => void ran.push('b'))).toBe(false);
      release();
      expect(await aRun).toBe(true);
      expect(await b.runExclusive('poll', 60_000, async () => void ran.push('b'))).toBe(true);
      expect(ran).toEqual(['a', 'b']);
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
      expect(await createLease(store.namespace('leases'), 0).runExclusive('poll', 1000, async () => undefined)).toBe(true);
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
      expect(await createLease(store.namespace('leases'), 0).runExclusive('poll', 1000, async () => undefined)).toBe(true);
    } finally {
      await store.close();
      db.cleanup();
    }
  });
});
