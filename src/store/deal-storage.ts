import type { Keyv } from 'keyv';
import type { DealNamespaces, DealStorage, RecordMap } from '../deals/service';
import type { DealRecord } from '../deals/tracking-types';
import { checkpointAfterBulkWrite } from './batched-writes';
import type { KeyvFactory } from './open-keyv';

/** The deal service's storage over Keyv namespaces of this store (each map is one namespace). */
export type KeyvDealStorage = DealStorage & { [K in keyof DealNamespaces]: Keyv<DealNamespaces[K] extends RecordMap<infer T> ? T : never> };

/** The deal service's storage port (deals/service/deal-namespaces.ts) over this store. */
export function openDealStorage(keyv: KeyvFactory): KeyvDealStorage {
  const open = <T>(name: string): Keyv<T> => {
    const ns = keyv.namespace<T>(name);
    // A failed read must not look like a missing record (tracking would overwrite the deal).
    ns.throwOnErrors = true;
    return ns;
  };
  const deals = open<DealRecord>('deals');
  return {
    deals,
    stories: open('stories'),
    entries: open('deal-entries'),
    sources: open('story-sources'),
    pairs: open('deal-pairs'),
    directory: open('deal-dir'),
    meta: open('deal-meta'),
    log: open('deal-log'),
    snapshot: open('deal-snapshot'),
    transaction: (lock, work) => keyv.transaction(lock, work),
    afterBulkWrite: () => checkpointAfterBulkWrite(deals),
  };
}
