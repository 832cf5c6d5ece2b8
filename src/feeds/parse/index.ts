/** Parse: a feed body's bytes → its items (charset, repair, RSS / Atom / JSON Feed, links, dates), normalised by src/news. */
export { decodeFeedBody } from './decode-body';
export { parseFeed } from './parse-feed';
export { readFeedItems } from './read-feed-items';
