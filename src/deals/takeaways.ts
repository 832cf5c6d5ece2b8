/**
 * Artist takeaways: what a deal means for musicians, in two to four short points, each opened by how
 * sure it is; a point drawn from an article cites it, general background is labelled as such and
 * cites nothing; never a number the source does not contain.
 *
 * - writeTakeaways: one story (an item and its classification).
 * - writeDealTakeaways: a deal across its stories.
 * - takeawaysForSources: a deal's points from the sources one server's view sees.
 * - findUngroundedNumbers: the grounding check applied to every point.
 *
 * The face of src/deals/takeaways/, kept a file beside it (not takeaways/index.ts): a build over an
 * older dist/ would otherwise load the stale dist/src/deals/takeaways.js in its place.
 */
export { writeTakeaways } from './takeaways/story-takeaways';
export { writeDealTakeaways } from './takeaways/deal-takeaways';
export type { DealTakeawayEntry } from './takeaways/deal-takeaways';
export { MAX_TAKEAWAYS, MAX_TAKEAWAY_LENGTH } from './takeaways/takeaway-types';
export type { Takeaway, TakeawaySource } from './takeaways/takeaway-types';
export { findUngroundedNumbers } from './takeaways/grounded-numbers';
export { backgroundPrefix, describeCertainty, CERTAINTY_PREFIXES } from './takeaways/certainty-prefix';
export { takeawaysForSources } from './takeaways/source-takeaways';
