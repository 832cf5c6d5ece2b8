import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CycleSummary } from '../feeds/poll';
import type { PollFeedResult } from '../feeds/poll';
import type { DeliveryObserver } from '../posts/transport';

/** What the metrics read when they are scraped; each mode sets what it has. */
export interface MetricProbes {
  /** Posts waiting in the outbox, and when the oldest was queued. */
  outbox?: () => Promise<{ depth: number; oldestCreatedAt?: string }>;
  /** Deals in the store. */
  deals?: () => Promise<number>;
  /** The Discord gateway's state ("ready", "connecting", …); absent in console mode. */
  gateway?: () => string;
  /** Resolves when the store answers a read, rejects when it does not. */
  store?: () => Promise<void>;
}

/** GET /healthz's answer. */
export interface HealthReport {
  ok: boolean;
  /** Why it is not ok, in words. */
  reason?: string;
  store: 'ok' | 'failing' | 'starting';
  /** The gateway's state, or "not used" in console mode. */
  gateway: string;
}

/** Why a post was not delivered (posts_failed_total's reason label). */
const FAILURE_REASONS = ['no_access', 'gone', 'rejected', 'skipped', 'unsubscribed'] as const;

/** How long /healthz waits for the store before calling it failing. */
export const HEALTH_STORE_TIMEOUT_MS = 2_000;

/** GATEWAY_STATES: every state a discord.js WebSocket manager reports, so each series exists from the start. */
export const GATEWAY_STATES = ['ready', 'connecting', 'reconnecting', 'idle', 'nearly', 'disconnected', 'waiting_for_guilds', 'identifying', 'resuming'] as const;

/**
 * Crossover's Prometheus metrics (prom-client), every name prefixed `crossover_`. Counters are
 * told by the pipeline (observer methods); gauges of stored state are read when scraped.
 */
export interface Metrics {
  registry: Registry;
  feedPolled(result: PollFeedResult): void;
  /** At the end of a poll cycle: feeds failing or disabled right now (this cycle's and those backing off). */
  cycleFinished(summary: CycleSummary, failedNow: PollFeedResult[]): void;
  /** Told what delivery does: posts queued, sent (with their lag), retried and failed. */
  posts: DeliveryObserver;
  commandAnswered: (command: string, seconds: number, outcome: 'ok' | 'user_error' | 'error') => void;
  /** A cycle's end: undefined when it went through, else why it failed (shown by /healthz until one goes through). */
  cycleEnded(failure: Error | undefined): void;
  watch(probes: MetricProbes): void;
  health(): Promise<HealthReport>;
}

const prefix = 'crossover_';

/**
 * Adds Node's process metrics (memory, CPU, event loop lag, GC) to the registry, prefixed as ours.
 * They belong to the process: prom-client starts a GC observer and an event-loop monitor that it
 * cannot stop, so only the process's entry point starts them, once (main, when it serves /metrics).
 */
export function collectProcessMetrics(metrics: Metrics): void {
  collectDefaultMetrics({ register: metrics.registry, prefix });
}

/** The app's own metrics, on a registry of their own (process metrics: collectProcessMetrics). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const probes: MetricProbes = {};
  let lastFailure: Error | undefined;
  const counter = (name: string, help: string, labelNames: string[] = []) => new Counter({ name: prefix + name, help, labelNames, registers: [registry] });

  const polls = counter('feed_polls_total', 'Feed polls by outcome: changed (fetched and parsed), not_modified (304 or unchanged), failed', ['outcome']);
  const failing = new Gauge({ name: `${prefix}feeds_failing`, help: 'Feeds whose latest poll failed and that are backing off (not disabled)', registers: [registry] });
  const disabled = new Gauge({ name: `${prefix}feeds_disabled`, help: 'Feeds disabled after repeated or permanent failures', registers: [registry] });
  const feedsInUse = new Gauge({ name: `${prefix}feeds`, help: 'Feed URLs in use (default feeds and the ones servers added)', registers: [registry] });
  const cycles = counter('poll_cycles_total', 'Poll cycles by outcome: ok, or failed (the store failed, or an unexpected error)', ['outcome']);
  const newItems = counter('items_new_total', 'New items found by polling (after dedupe, age limit and seeding)');
  const queued = counter('posts_queued_total', 'Posts queued in the outbox');
  const sent = counter('posts_sent_total', 'Posts delivered: new messages (action=send) and edits (action=edit)', ['action']);
  const retried = counter('posts_retried_total', 'Deliveries that failed and will be retried');
  const failed = counter('posts_failed_total', 'Posts that were not delivered: no_access (the subscription is paused, posts held), gone (channel or message deleted), rejected (Discord refused it), skipped (held past the pause window), unsubscribed', ['reason']);
  // Every known label value starts at 0, so rates and alerts see the series before its first event.
  for (const outcome of ['changed', 'not_modified', 'failed']) polls.inc({ outcome }, 0);
  for (const outcome of ['ok', 'failed']) cycles.inc({ outcome }, 0);
  for (const action of ['send', 'edit']) sent.inc({ action }, 0);
  for (const reason of FAILURE_REASONS) failed.inc({ reason }, 0);
  const lag = new Histogram({
    name: `${prefix}delivery_lag_seconds`, help: 'From a post being queued to its delivery', registers: [registry],
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14_400],
  });
  const commands = new Histogram({
    name: `${prefix}command_duration_seconds`, help: 'Slash command handling, from the interaction arriving to the reply', labelNames: ['command', 'outcome'], registers: [registry],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  });
  new Gauge({
    name: `${prefix}outbox_depth`, help: 'Posts waiting in the outbox', registers: [registry],
    async collect() {
      if (probes.outbox) this.set((await probes.outbox()).depth);
    },
  });
  new Gauge({
    name: `${prefix}outbox_oldest_age_seconds`, help: 'Age of the oldest post waiting in the outbox (0 when empty)', registers: [registry],
    async collect() {
      if (!probes.outbox) return;
      const { oldestCreatedAt } = await probes.outbox();
      this.set(oldestCreatedAt ? Math.max(0, (Date.now() - Date.parse(oldestCreatedAt)) / 1000) : 0);
    },
  });
  new Gauge({
    name: `${prefix}deals_tracked`, help: 'Deals in the store', registers: [registry],
    async collect() {
      if (probes.deals) this.set(await probes.deals());
    },
  });
  new Gauge({
    name: `${prefix}gateway_state`, help: 'The Discord gateway connection: 1 for its current state, 0 for the others (no series in console mode)', labelNames: ['state'], registers: [registry],
    collect() {
      if (!probes.gateway) return;
      const current = probes.gateway();
      for (const state of GATEWAY_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });

  return {
    registry,
    feedPolled(result) {
      polls.inc({ outcome: result.outcome === 'polled' ? 'changed' : result.outcome });
      if (result.outcome === 'polled') newItems.inc(result.newItems.length);
    },
    cycleFinished(summary, failedNow) {
      const isDisabled = (r: PollFeedResult) => r.outcome === 'failed' && r.state.disabled;
      feedsInUse.set(summary.feeds);
      disabled.set(failedNow.filter(isDisabled).length + summary.waiting.filter((w) => w.state.disabled).length);
      failing.set(failedNow.filter((r) => !isDisabled(r)).length + summary.waiting.filter((w) => !w.state.disabled).length);
    },
    posts(event) {
      switch (event.type) {
        case 'queued':
          queued.inc();
          break;
        case 'sent':
          sent.inc({ action: event.entry.action === 'edit' ? 'edit' : 'send' });
          lag.observe(Math.max(0, event.lagMs / 1000));
          break;
        case 'retried':
          retried.inc();
          break;
        case 'failed':
          failed.inc({ reason: event.kind });
          break;
        case 'dropped':
          if (event.reason === 'skipped' || event.reason === 'unsubscribed') failed.inc({ reason: event.reason });
          break;
        default:
          break;
      }
    },
    commandAnswered(command, seconds, outcome) {
      commands.observe({ command, outcome }, seconds);
    },
    cycleEnded(failure) {
      cycles.inc({ outcome: failure ? 'failed' : 'ok' });
      lastFailure = failure;
    },
    watch(next) {
      Object.assign(probes, next);
    },
    health: () => checkHealth(probes, lastFailure),
  };
}

async function checkHealth(probes: MetricProbes, lastFailure: Error | undefined): Promise<HealthReport> {
  const gateway = probes.gateway?.() ?? 'not used';
  if (!probes.store) return { ok: false, reason: 'Crossover is starting', store: 'starting', gateway };
  let timer: NodeJS.Timeout | undefined;
  const storeProblem = await Promise.race([
    probes.store().then(
      () => undefined,
      (error: unknown) => `the store does not answer: ${error instanceof Error ? error.message : String(error)}`,
    ),
    new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`the store did not answer within ${HEALTH_STORE_TIMEOUT_MS / 1000}s`), HEALTH_STORE_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  const store = storeProblem ? 'failing' : 'ok';
  const reason =
    storeProblem ??
    (lastFailure ? `the last poll cycle failed: ${lastFailure.message}` : undefined) ??
    (gateway !== 'not used' && gateway !== 'ready' ? `the Discord gateway is ${gateway.replace(/_/g, ' ')}, not ready` : undefined);
  return reason ? { ok: false, reason, store, gateway } : { ok: true, store, gateway };
}
