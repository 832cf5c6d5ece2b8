/** Fetch: one conditional GET of a feed URL, with the SSRF guard on every hop, decompressed under a size cap, within one deadline. */
export type { FetchFeedOptions } from './fetch-feed';
export { fetchFeed } from './fetch-feed';
