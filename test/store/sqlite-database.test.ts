import path from 'node:path';
import { defaultDeserialize, defaultSerialize } from '@keyv/serialize';
import { deserializeRecord, serializeRecord } from '../../src/store/keyv-json';
import { openSqliteDatabase } from '../../src/store/sqlite-database';
import { StoreFailure } from '../../src/shared/store-failure';
import { makeTempDir } from '../support/temp-dir';

describe('the one SQLite connection and its writer queue', () => {
  const temp = makeTempDir();
  const file = (name: string) => path.join(temp.dir, `${name}.sqlite`);
  afterAll(() => temp.cleanup());

  it('commits work queued together, each piece on its own: one failing piece undoes only itself', async () => {
    const db = openSqliteDatabase(file('queue'), (c) => c.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)'));
    try {
      const insert = (k: string, v: number) => db.write((c) => c.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, v).changes);
      const results = await Promise.allSettled([
        insert('a', 1),
        db.write((c) => {
          c.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('b', 2);
          c.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('a', 3); // a duplicate key: this piece fails
        }),
        insert('c', 4),
        db.read((c) => c.prepare('SELECT count(*) AS n FROM t').get()),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      // The read was queued after the writes: it saw them (and not the failed piece's first insert).
      expect((results[3] as PromiseFulfilledResult<unknown>).value).toEqual({ n: 2 });
      expect(await db.read((c) => c.prepare('SELECT k FROM t ORDER BY k').all())).toEqual([{ k: 'a' }, { k: 'c' }]);
    } finally {
      await db.close();
    }
  });

  it('fails the whole group when SQLite rolls the transaction back (a full disk), naming the file', async () => {
    const full = file('full');
    const db = openSqliteDatabase(full, (c) => c.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)'));
    try {
      await db.write((c) => c.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('small', 'x'));
      await db.outside((c) => c.exec(`PRAGMA max_page_count = ${c.pragma('page_count', { simple: true }) as number}`));
      const results = await Promise.allSettled([
        db.write((c) => c.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('fits', 'y')),
        db.write((c) => c.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run('big', 'z'.repeat(20_000))),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      const failure = (results[1] as PromiseRejectedResult).reason as StoreFailure;
      expect(failure).toBeInstanceOf(StoreFailure);
      expect(failure.code).toBe('SQLITE_FULL');
      expect(failure.message).toContain(full);
      expect(await db.read((c) => c.prepare('SELECT k FROM t ORDER BY k').all())).toEqual([{ k: 'small' }]);
    } finally {
      await db.close();
    }
  });

  it('refuses work once closed, after committing what was queued', async () => {
    const db = openSqliteDatabase(file('closed'), (c) => c.exec('CREATE TABLE t (k TEXT)'));
    const queued = db.write((c) => c.prepare('INSERT INTO t (k) VALUES (?)').run('last'));
    await db.close();
    await expect(queued).resolves.toMatchObject({ changes: 1 });
    await expect(db.read((c) => c.prepare('SELECT 1').get())).rejects.toThrow(/closed/);
    const reopened = openSqliteDatabase(file('closed'));
    expect(await reopened.read((c) => c.prepare('SELECT k FROM t').all())).toEqual([{ k: 'last' }]);
    await reopened.close();
  });
});

describe('Keyv records as text', () => {
  const values: unknown[] = [
    { value: { title: 'Netflix × Spotify', n: 1.5, list: [1, 'two', null], nested: { ok: true } }, expires: null },
    { value: ':starts with a colon', expires: null },
    { value: { a: ':x', b: ['::y', 'z:'], ':key': 'k' }, expires: 5 },
    { value: 'a "quoted", [bracketed] string with \\":" inside', expires: null },
  ];

  it("reads what Keyv's own serializer wrote, and writes what it reads", () => {
    for (const value of values) {
      expect(deserializeRecord(defaultSerialize(value))).toEqual(value);
      expect(defaultDeserialize(serializeRecord(value))).toEqual(value);
      expect(deserializeRecord(serializeRecord(value))).toEqual(value);
    }
  });

  it('is plain JSON when no string starts with a colon', () => {
    expect(serializeRecord(values[0])).toBe(JSON.stringify(values[0]));
  });
});
