/** The entry point: checks the configuration, starts console or Discord mode (src/app), stops on signals. */
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { checkStartup } from './check-startup';
import { ConfigError } from './config';
import { createLogger } from './logger';
import { collectProcessMetrics, createMetrics } from './metrics/metrics';
import type { MetricsServer } from './metrics/metrics-server';
import { startMetricsServer } from './metrics/metrics-server';
import type { Running, Services } from './app';
import { keepHeapNearLive, startConsole, startDiscord } from './app';

async function main(): Promise<void> {
  keepHeapNearLive();
  const { values } = parseArgs({
    options: { once: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  dotenv.config({ quiet: true });
  let startup: Awaited<ReturnType<typeof checkStartup>>;
  let metricsServer: MetricsServer | undefined;
  const metrics = createMetrics();
  try {
    startup = await checkStartup(process.env);
    const where = startup.config.metrics;
    if (where) {
      collectProcessMetrics(metrics);
      metricsServer = await startMetricsServer(metrics, where.port, where.host).catch((error: unknown) => {
        throw new ConfigError([`METRICS_PORT: cannot serve on ${where.host}:${where.port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
      });
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
    process.exit(2);
  }
  const { config, defaultFeeds } = startup;
  // discord.js reads SHARD_COUNT from the environment (meant for its ShardingManager's child
  // processes) and refuses ours when it is "auto" or empty; the client gets the shards from config.
  delete process.env.SHARD_COUNT;
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  // The last line of defence: whatever escapes is one clear log line and exit code 1, not a stack.
  for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
    process.on(event, (error: unknown) => {
      log.fatal({ err: error }, `unexpected error (${event}); Crossover stops`);
      process.exit(1);
    });
  }
  if (metricsServer) log.info({ url: metricsServer.url }, 'serving /metrics and /healthz');
  const once = values.once ?? false;
  // Signals are handled from the start: one that comes while starting up stops the bot as soon
  // as it is up, cleanly; a second one exits at once.
  const app: { running?: Running } = {};
  let stopRequested = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopRequested) process.exit(130);
      stopRequested = true;
      log.info({ signal }, 'shutting down');
      // stop() fails only if closing the store fails: the handler above logs it and exits 1.
      void app.running?.stop();
    });
  }
  const services: Services = { defaultFeeds, metrics };
  const running = config.discordToken
    ? await startDiscord(config, config.discordToken, log, once, services)
    : await startConsole(config, { once, json: values.json ?? false }, log, services);
  app.running = running;
  if (stopRequested) void running.stop();
  const { failedCycles } = await running.done;
  await metricsServer?.close();
  // --once: its one cycle failed (the store failed, or something unexpected), so the exit code says so.
  if (once && failedCycles > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Crossover failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
