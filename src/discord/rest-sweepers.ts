import type { REST, RESTOptions } from 'discord.js';

/*
 * A discord.js REST client sweeps its route caches with two interval timers (hourly and every four
 * hours). They are unref'd, so they never hold the process open, but until they are cleared they
 * keep the client, and everything its callbacks reach, alive for the rest of the process.
 */

/** Options for a REST client that makes a few requests and is dropped: nothing to sweep, no timers. */
export const NO_SWEEPERS = { hashSweepInterval: 0, handlerSweepInterval: 0 } satisfies Partial<RESTOptions>;

/** Stops a long-lived REST client's sweep timers once it is done with. */
export function stopSweepers(rest: REST): void {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}
