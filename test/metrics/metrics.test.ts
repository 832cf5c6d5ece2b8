import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { deployCommands } from '../../src/discord/deploy';
import { createSilentLogger } from '../../src/logger';
import type { Running } from '../../src/app';
import { startConsole, startDiscord } from '../../src/app';
import { createMetrics } from '../../src/metrics/metrics';
import type { MetricsServer } from '../../src/metrics/metrics-server';
import { startMetricsServer } from '../../src/metrics/metrics-server';
import { openStores } from '../../src/app/stores';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import { startDiscordEmulator } from '../support/discord-emulator';
import { startFeedServer } from '../support/feed-server';
import { buildRss } from '../support/rss';
import { makeTempDir } from '../support/temp-dir';
import { namespaceRecords } from '../../src/store/open-keyv';

/** `name{labels} value` lines of a Prometheus text body, as a map. */
function samples(body: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of body.split('\n')) {
    const match = /^(crossover_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (match) out.set(match[1] as string, Number(match[2]));
  }
  return out;
}

async function get(server: MetricsServer, route: string) {
  const res = await fetch(`${server.url}${route}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

const DEAL = {
  guid: 'deal-1',
  title: 'Universal Music Group signs new licensing agreement with TikTok',
  description: 'Universal Music Group and TikTok have signed a multi-year licensing agreement, the companies announced.',
  link: 'https://news.example/deal-1',
  published: 1,
};

describe('GET /metrics and GET /healthz (real HTTP on 127.0.0.1)', () => {
  it('count what console mode polls, finds, queues and prints, and say when the store stops answering', async () => {
    const feeds = await startFeedServer();
    const temp = makeTempDir();
    const metrics = createMetrics();
    const server = await startMetricsServer(metrics, 0, '127.0.0.1');
    let running: Running | undefined;
    try {
      expect(await get(server, '/healthz')).toEqual({ status: 503, type: 'application/json', body: '{"ok":false,"reason":"Crossover is starting","store":"starting","gateway":"not used"}\n' });
      const feedsFile = path.join(temp.dir, 'feeds.json');
      fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Trade Beat', url: feeds.url('/news.xml') }, { name: 'Broken', url: feeds.url('/broken.xml') }]));
      feeds.route('/news.xml', { body: buildRss([{ guid: 'old', title: 'Old story', published: 5 }]) });
      feeds.route('/broken.xml', { status: 500 });
      const config = loadConfig({ DATABASE_URL: `sqlite://${path.join(temp.dir, 'db.sqlite')}`, FEEDS_FILE: feedsFile, ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '0 0 1 1 *' });
      running = await startConsole(config, { once: false, json: true, write: () => undefined }, createSilentLogger(), { metrics });
      await running.cycle(); // the cycle at start-up, which seeds, and one more
      feeds.route('/news.xml', { body: buildRss([DEAL, { guid: 'old', title: 'Old story', published: 5 }]) });
      await running.cycle();

      const scraped = await get(server, '/metrics');
      expect(scraped.status).toBe(200);
      expect(scraped.type).toMatch(/^text\/plain; version=0\.0\.4/);
      const values = samples(scraped.body);
      expect(Object.fromEntries([...values].filter(([name]) => !/_bucket|_sum\b/.test(name)))).toEqual({
        'crossover_feed_polls_total{outcome="changed"}': 3,
        'crossover_feed_polls_total{outcome="not_modified"}': 0,
        'crossover_feed_polls_total{outcome="failed"}': 1, // later cycles skip it: backing off
        'crossover_feeds_failing': 1,
        'crossover_feeds_disabled': 0,
        'crossover_feeds': 2,
        'crossover_poll_cycles_total{outcome="ok"}': 3,
        'crossover_poll_cycles_total{outcome="failed"}': 0,
        'crossover_items_new_total': 1,
        'crossover_posts_queued_total': 1,
        'crossover_posts_sent_total{action="send"}': 1,
        'crossover_posts_sent_total{action="edit"}': 0,
        'crossover_posts_retried_total': 0,
        'crossover_posts_failed_total{reason="no_access"}': 0,
        'crossover_posts_failed_total{reason="gone"}': 0,
        'crossover_posts_failed_total{reason="rejected"}': 0,
        'crossover_posts_failed_total{reason="skipped"}': 0,
        'crossover_posts_failed_total{reason="unsubscribed"}': 0,
        'crossover_delivery_lag_seconds_count': 1,
        'crossover_outbox_depth': 0,
        'crossover_outbox_oldest_age_seconds': 0,
        'crossover_deals_tracked': 1,
      });
      expect(scraped.body).toContain('# HELP crossover_command_duration_seconds ');
      expect(await get(server, '/healthz')).toEqual({ status: 200, type: 'application/json', body: '{"ok":true,"store":"ok","gateway":"not used"}\n' });
      expect((await get(server, '/other')).status).toBe(404);

      await running.stop(); // closes the store: /healthz must notice
      const down = await get(server, '/healthz');
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body)).toEqual({ ok: false, reason: expect.stringMatching(/^the store does not answer: /), store: 'failing', gateway: 'not used' });
    } finally {
      await running?.stop();
      await server.close();
      await feeds.close();
      temp.cleanup();
    }
  });

  it('in Discord mode: the gateway state, command latency, posts sent; 503 while the gateway is not ready', async () => {
    const emulator = await startDiscordEmulator();
    const feeds = await startFeedServer();
    const temp = makeTempDir();
    const metrics = createMetrics();
    const server = await startMetricsServer(metrics, 0, '127.0.0.1');
    try {
      const feedsFile = path.join(temp.dir, 'feeds.json');
      fs.writeFileSync(feedsFile, JSON.stringify([{ name: 'Trade Beat', url: feeds.url('/news.xml') }]));
      feeds.route('/news.xml', { body: buildRss([{ guid: 'old', title: 'Old story', published: 5 }]) });
      const databaseUrl = `sqlite://${path.join(temp.dir, 'db.sqlite')}`;
      const config = loadConfig({
        DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: databaseUrl, FEEDS_FILE: feedsFile,
        ALLOW_PRIVATE_FEED_HOSTS: 'true', POLL_CRON: '0 0 1 1 *',
      });
      const a = emulator.guild('A');
      const stores = openStores(databaseUrl, createSilentLogger());
      await createSubscriptionStore(namespaceRecords(stores.keyv.namespace('subscriptions'))).upsert({
        guildId: a.id, channelId: a.channel('news').id, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
        createdAt: new Date().toISOString(), createdBy: 'test',
      });
      await stores.close();
      await deployCommands(config);
      const bot = await startDiscord(config, emulator.token, createSilentLogger(), false, { metrics });
      try {
        await bot.cycle();
        feeds.route('/news.xml', { body: buildRss([DEAL, { guid: 'old', title: 'Old story', published: 5 }]) });
        await bot.cycle();
        await emulator.sendSlashCommand({ guildId: a.id, userId: a.member('member').id, name: 'help' }).reply();

        const values = samples((await get(server, '/metrics')).body);
        expect(values.get('crossover_gateway_state{state="ready"}')).toBe(1);
        expect(values.get('crossover_gateway_state{state="reconnecting"}')).toBe(0);
        expect(values.get('crossover_command_duration_seconds_count{command="help",outcome="ok"}')).toBe(1);
        expect(values.get('crossover_posts_sent_total{action="send"}')).toBe(1);
        expect(emulator.messages(a.channel('news').id)).toHaveLength(1);
        expect(await get(server, '/healthz')).toMatchObject({ status: 200, body: '{"ok":true,"store":"ok","gateway":"ready"}\n' });
      } finally {
        await bot.stop();
      }
      // The same check with the gateway reported as reconnecting (the real store still answers).
      const store = openStores(databaseUrl, createSilentLogger());
      metrics.watch({ store: async () => void (await store.feedStates.get('x')), gateway: () => 'reconnecting' });
      expect(await get(server, '/healthz')).toMatchObject({
        status: 503, body: '{"ok":false,"reason":"the Discord gateway is reconnecting, not ready","store":"ok","gateway":"reconnecting"}\n',
      });
      await store.close();
    } finally {
      await server.close();
      await emulator.close();
      await feeds.close();
      temp.cleanup();
    }
  });
});
