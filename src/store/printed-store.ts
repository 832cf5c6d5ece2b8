import type { Keyv } from 'keyv';
import type { PrintedJournal } from '../console/printed-journal';

/**
 * Console mode's journal of printed posts, kept in a shared (Postgres) store: every process sharing
 * it reads the same "channel history", so a post that one process printed just before it died is
 * found by the process that takes its posts over, not printed again. Each id is committed before its
 * post is printed. (On SQLite, one process, the journal is a file beside the database.)
 */
export function createStoredJournal(keyv: Keyv<string>): PrintedJournal {
  return {
    has: async (id) => (await keyv.get(id)) !== undefined,
    add: async (id) => {
      await keyv.set(id, new Date().toISOString());
    },
  };
}
