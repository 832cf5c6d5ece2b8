/** The two modes, assembled from the core: what main runs, and what the demo, the benchmarks and the tests start. */
export type { Core, Services } from './core';
export { createDelivery, openCore, POLL_DEFAULTS } from './core';
export type { CycleOptions } from './cycle-runner';
export { createCycleRunner } from './cycle-runner';
export type { Running } from './run-schedule';
export type { StartFlags } from './console-mode';
export { consoleAudience, consoleDirectory, startConsole } from './console-mode';
export { startDiscord } from './discord-mode';
export { keepHeapNearLive } from './heap-growth';
