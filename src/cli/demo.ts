import { loadConfig } from '../config';
import { createConsoleSink } from '../console/console-sink';
import { createConsoleTransport } from '../console/console-transport';
import { memoryJournal } from '../console/printed-journal';
import { createLogger } from '../logger';
import { consoleAudience, consoleDirectory, createCycleRunner, createDelivery, openCore } from '../app';
import { startDemoServer } from './demo-server';
import { makeScratchDatabase } from './scratch-database';

/**
 * `npm run demo`: offline, one poll cycle over the bundled sample feeds (served on 127.0.0.1 and read
 * through the real pipeline), with seeding off so their stories show as new; prints what Crossover
 * would post, then exits. Uses a throwaway database, never the operator's.
 */
async function runDemo(): Promise<void> {
  const json = process.argv.includes('--json');
  const scratch = makeScratchDatabase();
  const server = await startDemoServer();
  const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), databaseUrl: scratch.url, allowPrivateFeedHosts: true };
  const log = createLogger({ level: config.logLevel });
  const core = openCore(config, log, server.feeds);
  try {
    const sink = createConsoleSink({ json });
    const delivery = createDelivery(core, createConsoleTransport(sink, memoryJournal()), consoleDirectory());
    const runCycle = createCycleRunner(core, { audiences: async () => consoleAudience(), delivery, sink, seedOnFirstPoll: false });
    if (!json) process.stdout.write(`Crossover demo: one cycle over ${server.feeds.length} sample feeds\n\n`);
    const summary = await runCycle();
    await delivery.drain();
    if (!json) {
      process.stdout.write(`\n${summary.newItems} new items from ${summary.polled} feeds; ${summary.failed} feeds failed.\n`);
    }
  } finally {
    await core.stores.close();
    await server.close();
    scratch.cleanup();
  }
}

runDemo().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
