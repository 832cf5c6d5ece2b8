import { Keyv } from 'keyv';
import type { Logger } from '../logger';
import type { PgKeyvStore } from './postgres/pg-keyv-store';
import type { SqliteKeyvStore } from './sqlite-keyv-store';

/**
 * How Keyv records are written as text: the format of Keyv's own serializer (@keyv/serialize: JSON
 * in which a string starting with ":" gets one more ":" and a Buffer is ":base64:…"), produced with
 * the native JSON functions. Keyv's serializer walks every value in JavaScript: about 15 times slower
 * than JSON.stringify (a deal index snapshot part: 106 ms against 7 ms), and its reader calls a
 * function for every value. Here the native path is taken whenever no string starts with ":" (in
 * JSON text, such a string shows as `":` right after `:`, `[` or `,`); otherwise the escaping is done
 * the way @keyv/serialize does it, so that records written by either read the same.
 */
const COLON_STRING = /(?:^|[:[,])":/;

export function serializeRecord(data: unknown): string {
  const text = JSON.stringify(data);
  return COLON_STRING.test(text) ? JSON.stringify(data, (_, value: unknown) => (typeof value === 'string' && value.startsWith(':') ? `:${value}` : value)) : text;
}

export function deserializeRecord<T>(text: string): T {
  if (!COLON_STRING.test(text)) return JSON.parse(text) as T;
  return JSON.parse(text, (_, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith(':')) return value;
    return value.startsWith(':base64:') ? Buffer.from(value.slice(8), 'base64') : value.slice(1);
  }) as T;
}

/**
 * A namespace's Keyv over a store's adapter, its records written as above. A failed read must never
 * look like a missing record, nor a failed write like a success (callers then overwrite what they
 * could not read, or report "done" for what was not stored): errors are thrown to the caller, and
 * logged, never thrown out of an event emitter (which would crash the process).
 */
export function keyvOver<T>(adapter: SqliteKeyvStore | PgKeyvStore, name: string, log: Logger): Keyv<T> {
  adapter.on('error', (error: unknown) => log.error({ err: error, namespace: name }, 'store error'));
  const keyv = new Keyv<T>({ store: adapter, namespace: name, throwOnErrors: true, serialize: serializeRecord, deserialize: deserializeRecord });
  keyv.on('error', (error: unknown) => log.error({ err: error, namespace: name }, 'store error'));
  return keyv;
}
