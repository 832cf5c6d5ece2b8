import type { Keyv } from 'keyv';
import type { ListRecords } from '../shared/keyed-lock';
import { PgKeyvStore } from './postgres/pg-keyv-store';
import { SqliteKeyvStore } from './sqlite-keyv-store';

/** Reading a whole namespace: how many records it holds, and each of them, a page at a time. */

/** How many records a namespace holds: one indexed count on SQLite and Postgres, a walk through the records elsewhere. */
export async function countRecords(keyv: Keyv<unknown>): Promise<number> {
  if (keyv.store instanceof SqliteKeyvStore || keyv.store instanceof PgKeyvStore) return keyv.store.count(keyv.namespace);
  let count = 0;
  for await (const _ of iterateNamespace(keyv)) count += 1;
  return count;
}

/** Every [key, value] of a namespace (keys without the namespace prefix), in key order on SQLite and Postgres. Not for hot paths. */
export async function* iterateNamespace<T>(keyv: Keyv<T>): AsyncGenerator<[string, T]> {
  if (!keyv.iterator) return;
  const prefix = `${keyv.namespace ?? ''}:`;
  for await (const [key, value] of keyv.iterator(keyv.namespace) as AsyncIterable<[string, T]>) {
    yield [key.startsWith(prefix) ? key.slice(prefix.length) : key, value];
  }
}

/** A namespace of lists as the ListRecords that the subscription and server-feed stores read and write. */
export function namespaceRecords<T>(keyv: Keyv<T[]>): ListRecords<T> {
  return {
    get: (key) => keyv.get(key),
    set: (key, value) => keyv.set(key, value),
    delete: (key) => keyv.delete(key),
    entries: () => iterateNamespace(keyv),
  };
}
