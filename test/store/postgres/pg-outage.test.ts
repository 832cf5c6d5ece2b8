/** A Postgres outage: statements wait a little, then fail as a store failure (never crash the process); it is logged once; everything works again once the server is back. */
import { createLogger } from '../../../src/logger';
import type { PostgresFactory } from '../../../src/store/postgres/open-postgres';
import { openPostgresFactory } from '../../../src/store/postgres/open-postgres';
import { StoreFailure } from '../../../src/shared/store-failure';
import { usePostgres } from '../../support/use-postgres';

describe('a Postgres outage', () => {
  const pg = usePostgres();
  let store: PostgresFactory;
  let lines: { level: number; msg: string; store?: string; reason?: string }[];
  beforeEach(() => {
    lines = [];
    const log = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    store = openPostgresFactory(pg.url, 'postgres://crossover:***@test/db', log, { retryMs: 1500 });
  });
  afterEach(async () => {
    if (!pg.server.running) await pg.server.start();
    await store.close();
  });

  it('fails statements as a store failure while the server is down, logs it once, and works again when it is back', async () => {
    const records = store.namespace<string>('records');
    await records.set('before', 'kept');
    await pg.server.stop();
    for (const attempt of [() => records.get('before'), () => records.set('during', 'x'), () => store.transaction('t', () => records.set('during', 'y'))]) {
      const error = await attempt().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(StoreFailure);
      expect((error as StoreFailure).code).toBe('PG_UNAVAILABLE');
      expect((error as StoreFailure).message).toMatch(/^the store postgres:\/\/crossover:\*\*\*@test\/db cannot be reached \(/);
    }
    const down = lines.filter((l) => l.msg.includes('cannot be reached'));
    expect(down).toHaveLength(1);
    expect(down[0]).toMatchObject({ level: 50, store: 'postgres://crossover:***@test/db' });
    expect(JSON.stringify(lines)).not.toContain(pg.server.password);
    await pg.server.start();
    expect(await records.get('before')).toBe('kept');
    expect(await records.get('during')).toBeUndefined();
    expect(lines.filter((l) => l.msg === 'the store answers again')).toHaveLength(1);
  });

  it('rides out an outage shorter than its retry time: the statement waits and goes through', async () => {
    const patient = openPostgresFactory(pg.url, 'the test store', createLogger({ level: 'silent' }), { retryMs: 120_000 });
    try {
      const records = patient.namespace<string>('records');
      await records.set('a', '1');
      await pg.server.stop();
      const write = records.set('a', '2');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await pg.server.start();
      await write;
      expect(await records.get('a')).toBe('2');
    } finally {
      await patient.close();
    }
  });

  it('rolls back a transaction whose connection was cut, and never crashes on the broken connections left behind', async () => {
    const records = store.namespace<string>('records');
    await records.set('a', 'before');
    let cut: () => void = () => undefined;
    const cutting = new Promise<void>((resolve) => (cut = resolve));
    const tx = store.transaction('t', async () => {
      await records.set('a', 'inside');
      await cutting;
      await records.set('b', 'inside');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await pg.server.stop(); // ends every session: the transaction's and the idle ones in the pool
    cut();
    await expect(tx).rejects.toBeInstanceOf(StoreFailure);
    await pg.server.start();
    expect(await records.getMany(['a', 'b'])).toEqual(['before', undefined]);
  });
});
