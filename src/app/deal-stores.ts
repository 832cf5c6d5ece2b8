import type { DealStore, DealStoreOptions } from '../deals/service';
import { createDealStore } from '../deals/service';
import { openDealStorage } from '../store/deal-storage';
import type { KeyvFactory } from '../store/open-keyv';

/** The deal service over this store (its Keyv namespaces, and its transactions under a lock). */
export function createDealStores(keyv: KeyvFactory, options: DealStoreOptions = {}): DealStore {
  return createDealStore(openDealStorage(keyv), options);
}
