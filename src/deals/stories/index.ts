/** Stories and deals: tracking a classified item (the same event across outlets is one story; a deal is its parties with a timeline), and the views queries show. */
export { dealLabel, partyPairKeys } from './deal-id';
export type { DealView, DealViewOf, TimelineStepView, TimelineView, ViewEntry } from './deal-views';
export { buildDealView, viewDeal, viewTimeline } from './deal-views';
export { defaultFeedFlag, viewStory } from './story-sources';
export { trackEventsFor } from './track-events';
export type { TrackPlan, TrackingRecords } from './track-item';
export { isTrackable, itemTime, planTracking } from './track-item';
