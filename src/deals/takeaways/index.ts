/**
 * Artist takeaways: what a deal means for musicians, in two to four short points, each opened by how
 * sure it is; a point drawn from an article cites it, general background is labelled as such and
 * cites nothing; never a number the source does not contain.
 *
 * - writeTakeaways: one story (an item and its classification).
 * - writeDealTakeaways: a deal across its stories.
 * - takeawaysForSources: a deal's points from the sources one server's view sees.
 * - findUngroundedNumbers: the grounding check applied to every point.
 */
export { writeTakeaways } from './story-takeaways';
export { writeDealTakeaways } from './deal-takeaways';
export type { DealTakeawayEntry } from './deal-takeaways';
export { MAX_TAKEAWAYS, MAX_TAKEAWAY_LENGTH } from './takeaway-types';
export type { Takeaway, TakeawaySource } from './takeaway-types';
export { findUngroundedNumbers } from './grounded-numbers';
export { backgroundPrefix, describeCertainty, CERTAINTY_PREFIXES } from './certainty-prefix';
export { takeawaysForSources } from './source-takeaways';
