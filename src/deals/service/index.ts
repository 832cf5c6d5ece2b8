/**
 * The deal service: tracking classified items into stories and deals, the in-memory deal index with
 * its snapshot and revision log, the queries the commands ask (always within a server's scope),
 * retention and rebuild, over the storage port it declares (deal-namespaces.ts), which src/store implements.
 */
export type { DealLogEntry, DealNamespaces, DealRevision, DealStorage } from './deal-namespaces';
export type { RecordMap } from './record-map';
export type { ListDealsOptions } from './deal-queries';
export type { DealChoice, DealPage, DealStore, DealStoreOptions } from './deal-store';
export { createDealStore } from './deal-store';
export type { ClassifiedItem, RebuildSummary } from './rebuild-deals';
