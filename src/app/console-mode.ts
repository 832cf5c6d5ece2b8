/** Console mode: one audience, every feed, printed instead of posted. */
import type { Config } from '../config';
import { createConsoleSink } from '../console/console-sink';
import { createConsoleTransport } from '../console/console-transport';
import type { PrintedJournal } from '../console/printed-journal';
import { openPrintedJournal } from '../console/printed-journal';
import { EVERY_FEED } from '../deals/scope';
import type { Logger } from '../logger';
import { watchCore } from '../metrics/watch-core';
import type { ChannelDirectory } from '../posts/channel-directory';
import type { Audience } from '../posts/plan-posts';
import { createStoredJournal } from '../store/printed-store';
import type { Core, Services } from './core';
import { createDelivery, openCore } from './core';
import { createCycleRunner } from './cycle-runner';
import type { Running } from './run-schedule';
import { runSchedule } from './run-schedule';

/** Console mode's one audience: every feed, no filters, printed instead of posted. */
export function consoleAudience(): Audience[] {
  return [
    {
      subscription: {
        guildId: 'console', channelId: 'console', parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
        createdAt: new Date(0).toISOString(), createdBy: 'console',
      },
      scope: EVERY_FEED,
    },
  ];
}

export interface StartFlags {
  once: boolean;
  json: boolean;
  /** Where console output goes (stdout by default). */
  write?: (line: string) => void;
}

/** Console mode's one subscription, kept in memory: the same pause and removal rules as Discord's. */
export function consoleDirectory(): ChannelDirectory {
  let subscription = consoleAudience()[0]?.subscription;
  return {
    find: async (guildId, channelId) => (subscription?.guildId === guildId && subscription.channelId === channelId ? subscription : undefined),
    pause: async (_guildId, _channelId, reason, at) => {
      if (subscription) subscription = { ...subscription, paused: { at: at.toISOString(), reason } };
    },
    remove: async () => {
      subscription = undefined;
      return true;
    },
  };
}

/** Where console mode notes what it printed: beside the SQLite file, or in the Postgres store that every process shares. */
function printedJournal(core: Core): PrintedJournal {
  const { keyv } = core.stores;
  return keyv.kind === 'postgres' ? createStoredJournal(keyv.namespace('printed')) : openPrintedJournal(`${core.config.databaseUrl.replace(/^sqlite:\/\//, '')}.printed`);
}

/** Console mode: what would be posted is printed, as text or JSON lines. */
export async function startConsole(config: Config, flags: StartFlags, log: Logger, services: Services = {}): Promise<Running> {
  const core = openCore(config, log, services.defaultFeeds);
  const { metrics } = services;
  const sink = createConsoleSink({ json: flags.json, write: flags.write });
  const abort = new AbortController();
  const transport = createConsoleTransport(sink, printedJournal(core));
  const delivery = createDelivery(core, transport, consoleDirectory(), services);
  const runCycle = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery, sink, signal: abort.signal, metrics });
  if (metrics) watchCore(metrics, core);
  log.info({ feeds: core.defaultFeeds.length, mode: 'console', once: flags.once }, 'Crossover starting');
  return runSchedule(core, runCycle, delivery, abort, flags.once, { metrics, onCycle: (summary, next) => sink.cycle(summary, next) });
}
