/** Poll: the cycle over every feed in use, each feed's poll and health (backoff, disable), seeding, the schedule. */
export type { FeedState } from './feed-health';
export { initialFeedState, isOffWhileGuarded } from './feed-health';
export type { FeedStateRecords, FeedStateStore } from './feed-state-store';
export { createFeedStateStore } from './feed-state-store';
export type { CycleSummary } from './poll-cycle';
export { runPollCycle } from './poll-cycle';
export type { PollFeedResult } from './poll-feed';
export { startPollSchedule } from './poll-schedule';
export type { PollLease, PollTurns } from './poll-turns';
export { createPollTurns } from './poll-turns';
export { seedFeed } from './seed-feed';
