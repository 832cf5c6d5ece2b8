import type { NewsItem } from '../../news/item';
import { dayOf, itemId, seenKeys } from '../../shared/item-id';
import type { ItemTables } from '../item-store';
import type { PgDatabase } from './pg-database';

/**
 * The item tables on Postgres (pg-schema.ts), the same two as on SQLite (sqlite-item-tables.ts) with
 * the same keys: `seen (hash bytea, day)`, the seen-key set, and `items (id, seq, at, value)`, each
 * item as first seen, `seq` the order stored. Every statement goes through the store's database
 * layer, so the writes of a poll cycle are checked against the poll lease's token like every other
 * (pg-database.ts: fenced).
 */
export function pgItemTables(db: PgDatabase): ItemTables {
  /** Adds keys to the set, or moves their day forward (each key once: an upsert may not touch a row twice). */
  const recordSeen = async (keys: readonly Buffer[], day: number): Promise<void> => {
    const unique = [...new Map(keys.map((key) => [key.toString('hex'), key])).values()];
    if (unique.length === 0) return;
    await db.write(
      'INSERT INTO seen (hash, day) SELECT unnest($1::bytea[]), $2 ON CONFLICT (hash) DO UPDATE SET day = greatest(seen.day, excluded.day)',
      [unique, day],
    );
  };

  return {
    async touchSeen(keys, today) {
      const rows = await db.read<{ hash: Buffer; day: number }>('SELECT hash, day FROM seen WHERE hash = ANY($1::bytea[])', [keys]);
      await recordSeen(rows.filter((row) => row.day < today).map((row) => row.hash), today);
      return new Set(rows.map((row) => row.hash.toString('base64url')));
    },
    async storeSeen(items, today) {
      const unique = [...new Map(items.map((item) => [itemId(item), item])).entries()];
      await db.transaction(async () => {
        await db.write(
          'INSERT INTO items (id, at, value) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT (id) DO NOTHING',
          [unique.map(([id]) => id), unique.map(([, item]) => Date.parse(item.firstSeen) || Date.now()), unique.map(([, item]) => JSON.stringify(item))],
        );
        await recordSeen(items.flatMap(seenKeys), today);
      });
    },
    async read(id) {
      const [row] = await db.read<{ value: string }>('SELECT value FROM items WHERE id = $1', [id]);
      return row === undefined ? undefined : (JSON.parse(row.value) as NewsItem);
    },
    async page(after, limit) {
      const rows = await db.read<{ seq: string; value: string }>('SELECT seq, value FROM items WHERE seq > $1 ORDER BY seq LIMIT $2', [after, limit]);
      return rows.map((row) => ({ position: Number(row.seq), item: JSON.parse(row.value) as NewsItem }));
    },
    async prune(before, limit) {
      const items = (await db.write('DELETE FROM items WHERE id IN (SELECT id FROM items WHERE at < $1 ORDER BY at LIMIT $2)', [before.items.getTime(), limit])).rowCount;
      if (items >= limit) return items;
      const seen = await db.write('DELETE FROM seen WHERE hash IN (SELECT hash FROM seen WHERE day < $1 ORDER BY day LIMIT $2)', [dayOf(before.seen.getTime()), limit - items]);
      return items + seen.rowCount;
    },
  };
}
