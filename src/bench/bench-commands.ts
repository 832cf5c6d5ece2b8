import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DiscordEmulator } from '../../test/support/discord-emulator';
import { startFeedServer } from '../../test/support/feed-server';
import type { CommandKind } from './bench-command-mix';
import { COMMAND_KINDS, createCommandMix } from './bench-command-mix';
import type { LatencySample } from './bench-command-latency';
import { BENCH_GUILD_A, benchEmulators, sendMix, startFloorBot, startRealBot } from './bench-command-latency';
import type { BenchStore } from './bench-deal-store';
import { prepareBenchStore } from './bench-deal-store';
import type { SummaryRow } from './bench-report';
import { formatMb, formatMs, formatRatio } from './bench-report';
import { median, peakRssMb, summarize } from './bench-stats';
import type { StartupFigures } from './bench-startup';
import { measureStartup } from './bench-startup';

/**
 * Slash-command latency and start-up to ready (issue 4), with 10,000 deals and 100,000 items stored.
 *
 * Latency: 1,000 commands of a realistic mix (after 50 warm-up ones), sent one at a time through the
 * local Discord API emulator to the real bot wired as main.ts wires it, in this process; each one's
 * latency is what the emulator records from sending INTERACTION_CREATE to the reply request arriving.
 * The baseline, in the same run: the same 1,000 interactions answered by a bare discord.js client
 * that replies at once (the emulator's and discord.js's own floor). A cross-check sends 300 of them to
 * the real `node dist/src/main.js` in a process of its own.
 *
 * Start-up: the real `node dist/src/main.js` spawned on that store, timed to IDENTIFY and to ready;
 * the baseline is the same bot on an empty store. Three of each, alternating; medians.
 */
export const LATENCY_P99_TARGET_MS = 50;
export const STARTUP_TARGET_MS = 3000;
const COMMANDS = 1000;
const WARMUP = 50;
const REMOTE_COMMANDS = 300;
const STARTUP_RUNS = 3;
const EMPTY_RSS = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Quiet outlet</title><link>http://127.0.0.1/</link><description>No news today</description></channel></rss>';

export interface LatencyFigures {
  n: number;
  failures: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Answers shown only to the asker (e.g. no deal matched the free text). */
  ephemeral: number;
  deferred: number;
  byKind: Partial<Record<CommandKind, { n: number; p50: number; p99: number; max: number }>>;
  errors: string[];
}

export interface CommandFigures {
  store: Pick<BenchStore, 'items' | 'deals' | 'stories' | 'writeItemsMs' | 'rebuildMs'>;
  floor: LatencyFigures;
  real: LatencyFigures & { warmMs: number; loginMs: number };
  remote: LatencyFigures;
  startup: {
    empty: StartupFigures[];
    full: StartupFigures[];
    medianEmptyReadyMs: number;
    medianFullReadyMs: number;
    medianFullIdentifyMs: number;
  };
  violations: string[];
  peakRssMb: number;
}

export async function benchCommands(): Promise<CommandFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossover-bench-commands-'));
  const feedServer = await startFeedServer();
  const emulators = benchEmulators();
  const violations: string[] = [];
  const collectViolations = (emulator: DiscordEmulator, phase: string) => {
    for (const v of emulator.violations) violations.push(`${phase}: ${v.summary}`);
    for (const r of emulator.unknownRequests()) violations.push(`${phase}: unknown route ${r.method} ${r.path}`);
  };
  try {
    const databaseUrl = `sqlite://${path.join(dir, 'store', 'crossover.sqlite')}`;
    progress('preparing the store (100,000 items, rebuilding every deal)');
    const store = await prepareBenchStore({ databaseUrl, feedOrigin: feedServer.origin, guildId: BENCH_GUILD_A });
    for (const feed of [...store.defaultFeeds, ...store.guildFeeds]) {
      feedServer.route(new URL(feed.url).pathname, { body: EMPTY_RSS, contentType: 'application/rss+xml; charset=utf-8' });
    }
    const feedsFile = path.join(dir, 'feeds.json');
    fs.writeFileSync(feedsFile, JSON.stringify(store.defaultFeeds));
    const mix = createCommandMix(WARMUP + COMMANDS, store.partySets);

    progress('floor: a bot that only replies');
    const floorEmulator = await emulators.start();
    const floorBot = await startFloorBot(floorEmulator);
    const floorSamples = await sendMix(floorEmulator, mix, BENCH_GUILD_A);
    await floorBot.close();
    collectViolations(floorEmulator, 'floor');

    progress('the real bot, in process, 1,000 commands');
    const realEmulator = await emulators.start();
    const realBot = await startRealBot(realEmulator, databaseUrl, store.defaultFeeds);
    const realSamples = await sendMix(realEmulator, mix, BENCH_GUILD_A);
    await realBot.close();
    collectViolations(realEmulator, 'real bot');

    progress('start-up to ready: node dist/src/main.js, empty store and full store, alternating');
    const startEmulator = await emulators.start();
    const botDir = path.join(dir, 'bot');
    fs.mkdirSync(botDir);
    const empty: StartupFigures[] = [];
    const full: StartupFigures[] = [];
    let remoteSamples: LatencySample[] = [];
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      const emptyUrl = `sqlite://${path.join(dir, `empty-${run}`, 'crossover.sqlite')}`;
      empty.push(await measureStartup({ emulator: startEmulator, databaseUrl: emptyUrl, feedsFile, cwd: botDir }));
      const last = run === STARTUP_RUNS - 1;
      full.push(
        await measureStartup({
          emulator: startEmulator, databaseUrl, feedsFile, cwd: botDir,
          whileRunning: last ? async () => void (remoteSamples = await sendMix(startEmulator, mix.slice(0, WARMUP + REMOTE_COMMANDS), BENCH_GUILD_A)) : undefined,
        }),
      );
    }
    collectViolations(startEmulator, 'main.js');

    return {
      store: { items: store.items, deals: store.deals, stories: store.stories, writeItemsMs: store.writeItemsMs, rebuildMs: store.rebuildMs },
      floor: latencyFigures(floorSamples.slice(WARMUP)),
      real: { ...latencyFigures(realSamples.slice(WARMUP)), warmMs: realBot.warmMs, loginMs: realBot.loginMs },
      remote: latencyFigures(remoteSamples.slice(WARMUP)),
      startup: {
        empty,
        full,
        medianEmptyReadyMs: median(empty.map((s) => s.readyMs)),
        medianFullReadyMs: median(full.map((s) => s.readyMs)),
        medianFullIdentifyMs: median(full.map((s) => s.identifyMs)),
      },
      violations,
      peakRssMb: peakRssMb(),
    };
  } finally {
    await emulators.closeAll();
    await feedServer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function progress(line: string): void {
  process.stderr.write(`  · commands: ${line}\n`);
}

export function latencyFigures(samples: LatencySample[]): LatencyFigures {
  const ok = samples.filter((s) => s.error === undefined && Number.isFinite(s.ms));
  const all = ok.length > 0 ? summarize(ok.map((s) => s.ms)) : { n: 0, p50: Number.NaN, p90: Number.NaN, p99: Number.NaN, max: Number.NaN };
  const byKind: LatencyFigures['byKind'] = {};
  for (const kind of COMMAND_KINDS) {
    const times = ok.filter((s) => s.kind === kind).map((s) => s.ms);
    if (times.length === 0) continue;
    const d = summarize(times);
    byKind[kind] = { n: d.n, p50: d.p50, p99: d.p99, max: d.max };
  }
  return {
    n: ok.length,
    failures: samples.length - ok.length,
    p50: all.p50,
    p90: all.p90,
    p99: all.p99,
    max: all.max,
    ephemeral: ok.filter((s) => s.ephemeral).length,
    deferred: ok.filter((s) => s.type === 5).length,
    byKind,
    errors: [...new Set(samples.flatMap((s) => (s.error ? [s.error.split('\n')[0] ?? s.error] : [])))].slice(0, 5),
  };
}

export function formatCommandBench(f: CommandFigures): string[] {
  const lat = (label: string, l: LatencyFigures) =>
    `  ${label.padEnd(34)} p50 ${formatMs(l.p50).padStart(8)}  p90 ${formatMs(l.p90).padStart(8)}  p99 ${formatMs(l.p99).padStart(8)}  max ${formatMs(l.max).padStart(8)}  (n ${l.n}${l.failures ? `, ${l.failures} FAILED` : ''})`;
  const startRow = (label: string, runs: StartupFigures[]) =>
    `  ${label.padEnd(34)} ready ${runs.map((r) => formatMs(r.readyMs)).join(', ')} (IDENTIFY at ${runs.map((r) => formatMs(r.identifyMs)).join(', ')}); ` +
    `peak RSS ${runs.map((r) => (r.peakRssMb === undefined ? '?' : formatMb(r.peakRssMb))).join(', ')}; stopped on SIGTERM in ${runs.map((r) => `${formatMs(r.stopMs)} (${r.exit})`).join(', ')}`;
  const lines = [
    `Slash commands with ${f.store.items.toLocaleString('en')} items and ${f.store.deals.toLocaleString('en')} deals (${f.store.stories.toLocaleString('en')} stories) stored (issue 4)`,
    `  store prepared in ${formatMs(f.store.writeItemsMs + f.store.rebuildMs)} (items written ${formatMs(f.store.writeItemsMs)}, deals rebuilt ${formatMs(f.store.rebuildMs)})`,
    `  latency, INTERACTION_CREATE → reply request at the emulator, ${COMMANDS} commands one at a time (target p99 < ${LATENCY_P99_TARGET_MS} ms):`,
    lat('baseline: a bot that only replies', f.floor),
    lat('Crossover (in process, as main.ts)', f.real),
  ];
  for (const kind of COMMAND_KINDS) {
    const k = f.real.byKind[kind];
    if (k) lines.push(`      ${kind.padEnd(30)} p50 ${formatMs(k.p50).padStart(8)}  p99 ${formatMs(k.p99).padStart(8)}  max ${formatMs(k.max).padStart(8)}  (n ${k.n})`);
  }
  lines.push(
    `      ${f.real.ephemeral} answered privately (nothing matched), ${f.real.deferred} deferred; deal cache warmed in ${formatMs(f.real.warmMs)}, login ${formatMs(f.real.loginMs)}`,
    `  Crossover / baseline: p50 ${formatRatio(f.real.p50 / f.floor.p50)}, p99 ${formatRatio(f.real.p99 / f.floor.p99)}`,
    lat(`cross-check: node dist/src/main.js`, f.remote),
    `  start-up to ready (spawn → "connected to Discord"), ${f.startup.full.length} runs each, alternating (target < ${formatMs(STARTUP_TARGET_MS)}):`,
    startRow('baseline: empty store', f.startup.empty),
    startRow(`${f.store.items.toLocaleString('en')} items, ${f.store.deals.toLocaleString('en')} deals`, f.startup.full),
    `  medians: empty ${formatMs(f.startup.medianEmptyReadyMs)}, full ${formatMs(f.startup.medianFullReadyMs)} (${formatRatio(f.startup.medianFullReadyMs / f.startup.medianEmptyReadyMs)}); target: ${f.startup.medianFullReadyMs < STARTUP_TARGET_MS ? 'met' : 'MISSED'}`,
    `  the deal index loads while the bot logs in (${formatMs(f.real.warmMs)} in process); commands arriving before it is ready are deferred`,
    `  emulator limit violations: ${f.violations.length === 0 ? 'none' : f.violations.slice(0, 5).join('; ')}; peak RSS of the benchmark process ${formatMb(f.peakRssMb)}`,
  );
  for (const error of [...f.real.errors, ...f.floor.errors, ...f.remote.errors]) lines.push(`  error: ${error}`);
  return lines;
}

export function summarizeCommandBench(f: CommandFigures): SummaryRow[] {
  return [
    {
      figure: 'Slash-command latency p99 (1,000, in process)',
      value: `${formatMs(f.real.p99)} (p50 ${formatMs(f.real.p50)})`,
      target: `p99 < ${LATENCY_P99_TARGET_MS} ms`,
      baseline: `reply-only bot p99 ${formatMs(f.floor.p99)}, p50 ${formatMs(f.floor.p50)}`,
      met: f.real.failures === 0 && f.real.p99 < LATENCY_P99_TARGET_MS,
    },
    {
      figure: 'Slash-command latency p99 (300, main.js)',
      value: `${formatMs(f.remote.p99)} (p50 ${formatMs(f.remote.p50)})`,
      target: `p99 < ${LATENCY_P99_TARGET_MS} ms`,
      baseline: '(cross-check, separate process)',
      met: f.remote.failures === 0 && f.remote.p99 < LATENCY_P99_TARGET_MS,
    },
    {
      figure: `Start-up to ready, ${f.store.items.toLocaleString('en')} items`,
      value: formatMs(f.startup.medianFullReadyMs),
      target: `< ${formatMs(STARTUP_TARGET_MS)}`,
      baseline: `empty store ${formatMs(f.startup.medianEmptyReadyMs)}`,
      met: f.startup.medianFullReadyMs < STARTUP_TARGET_MS,
    },
  ];
}
