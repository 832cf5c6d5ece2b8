import type { Keyv } from 'keyv';
import type { OutboxEntry, OutboxStore, SentRecord, SkippedPosts } from '../posts/outbox';
import { writeTogether } from './batched-writes';
import { countRecords, iterateNamespace } from './namespace-records';
import { pruneSentRecords } from './prune-sent';
import { createKeyedQueue } from '../shared/keyed-lock';

export interface OutboxNamespaces {
  outbox: Keyv<OutboxEntry>;
  sent: Keyv<SentRecord>;
  skipped: Keyv<SkippedPosts>;
}

/**
 * The outbox over Keyv: queued entries, sent records and what paused channels skipped, one namespace
 * each. Writes run one at a time, so that a transaction (a digest with the entries it folds, a digest
 * with the stories it covers) never takes in another write. On SQLite a commit is on disk when it
 * resolves (the store's writer commits whatever is queued together, so this costs one sync per
 * group of writes, not per write): neither a killed process nor a power cut loses a sent record.
 */
export function createOutboxStore({ outbox, sent, skipped }: OutboxNamespaces): OutboxStore {
  const serialise = createKeyedQueue();
  const write = <T>(work: () => Promise<T>) => serialise('outbox', work);
  const claimed = new Set<string>();
  const store: OutboxStore = {
    async list() {
      const entries: OutboxEntry[] = [];
      for await (const [, entry] of iterateNamespace(outbox)) entries.push(entry);
      return entries;
    },
    get: (id) => outbox.get(id),
    commit: ({ put = [], remove = [] }) =>
      write(() => writeTogether(outbox, put.map((entry) => ({ key: entry.id, value: entry })), remove)),
    sent: (id) => sent.get(id),
    recordSent: (records) => write(() => writeTogether(sent, records.map(({ id, record }) => ({ key: id, value: record })), [])),
    skipped: (channelId) => skipped.get(channelId),
    setSkipped: (channelId, value) =>
      write(async () => {
        if (value) await skipped.set(channelId, value);
        else await skipped.delete(channelId);
      }),
    size: () => countRecords(outbox),
    pruneSent: (before, batch) => pruneSentRecords(store, sent, before, batch),
    // One process on SQLite: a claim only keeps this process's own workers apart.
    deliverers: async () => 1,
    async claim(queue) {
      if (claimed.has(queue)) return undefined;
      claimed.add(queue);
      return { outbox: store, release: async () => void claimed.delete(queue) };
    },
  };
  return store;
}
