import type { APIEmbed, REST } from 'discord.js';
import { createDiscordTransport } from '../../src/discord/discord-transport';
import { createChannelPacer, createDeliveryRest, createRequestPacer, DELIVERY_PACE } from '../../src/discord/rate-pacing';
import { stopSweepers } from '../../src/discord/rest-sweepers';
import { createSilentLogger } from '../../src/logger';
import { subscriptionDirectory } from '../../src/posts/channel-directory';
import type { DeliveryLoop, DeliverySummary } from '../../src/posts/delivery-loop';
import { createDeliveryLoop } from '../../src/posts/delivery-loop';
import type { OutboxStore } from '../../src/posts/outbox';
import type { DeliveryEvent } from '../../src/posts/transport';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import { createOutboxStore } from '../../src/store/outbox-store';
import type { SubscriptionStore } from '../../src/posts/subscription-store';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import type { DiscordEmulator, DiscordEmulatorOptions } from '../support/discord-emulator';
import type { ApiMessage } from '../support/discord-emulator/api-types';
import { startDiscordEmulator } from '../support/discord-emulator';
import { makeOutboxEntry, makeStoryPost } from '../support/posts';
import { makeTempDatabase } from '../support/temp-dir';

const embedOf = (message: ApiMessage | undefined) => message?.embeds[0] as APIEmbed | undefined;

/**
 * The delivery loop with the Discord transport: the real discord.js REST client against the
 * emulator (Discord's per-channel and global limits on), a real SQLite outbox, a clock the test moves.
 */
describe('delivery from the outbox to Discord (real REST client, emulator)', () => {
  let emulator: DiscordEmulator;
  let db: ReturnType<typeof makeTempDatabase>;
  let keyv: KeyvFactory;
  let outbox: OutboxStore;
  let subscriptions: SubscriptionStore;
  let clock: Date;
  let guildId: string;
  let news: string;
  let general: string;
  let rest: REST;
  let loop: DeliveryLoop;
  let events: DeliveryEvent[];

  async function setUp(options: DiscordEmulatorOptions = {}) {
    emulator = await startDiscordEmulator(options);
    db = makeTempDatabase();
    keyv = openKeyvFactory(db.url, createSilentLogger());
    outbox = createOutboxStore({ outbox: keyv.namespace('outbox'), sent: keyv.namespace('sent'), skipped: keyv.namespace('skipped-posts') });
    subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
    clock = new Date();
    const guild = emulator.guild('A');
    guildId = guild.id;
    news = guild.channel('news').id;
    general = guild.channel('general').id;
    for (const channelId of [news, general]) {
      await subscriptions.upsert({
        guildId, channelId, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
        createdAt: clock.toISOString(), createdBy: 'admin',
      });
    }
    const channels = createChannelPacer();
    const pacer = createRequestPacer(DELIVERY_PACE);
    rest = createDeliveryRest(emulator.token, emulator.apiBase, pacer, channels);
    const transport = createDiscordTransport({
      rest,
      pacer,
      channels,
      botUserId: () => emulator.botUserId,
      guilds: { canReadHistory: async () => undefined, noticeTargets: async () => ({ channelIds: [news] }) },
    });
    events = [];
    loop = createDeliveryLoop({
      outbox, transport, channels: subscriptionDirectory(subscriptions), log: createSilentLogger(), now: () => clock,
      observe: (event) => events.push(event),
    });
  }
  beforeEach(async () => setUp());
  afterEach(async () => {
    await loop.stop();
    stopSweepers(rest);
    await keyv.close();
    await emulator.close();
    db.cleanup();
  });
  const later = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  /**
   * Drains as the running loop would over time. On a loaded machine a send can time out and be retried
   * (or reconciled, when it may have landed) after a wait on the test's fixed clock: move the clock past
   * that wait and drain again, so the test checks what reaches the channel, not the machine's speed.
   */
  async function drainAll(): Promise<DeliverySummary> {
    const total = await loop.drain();
    for (let round = 0; round < 3 && (await outbox.size()) > 0; round += 1) {
      later(5 * 60_000);
      const next = await loop.drain();
      for (const key of Object.keys(total) as (keyof DeliverySummary)[]) total[key] += next[key];
    }
    return total;
  }
  const entry = (overrides: Parameters<typeof makeOutboxEntry>[2] = {}) =>
    makeOutboxEntry(general, guildId, { createdAt: clock.toISOString(), nextAttemptAt: clock.toISOString(), ...overrides });

  it('posts an embed within limits, with no mention allowed, carrying its reference, and records the message', async () => {
    const post = entry({ post: makeStoryPost({ title: `@everyone ${'Very long headline '.repeat(40)}`, summary: 'x'.repeat(9000) }) });
    await loop.enqueue([post]);
    expect(await loop.drain()).toMatchObject({ sent: 1 });
    const [message] = emulator.messages(general);
    expect(embedOf(message)?.title?.length).toBeLessThanOrEqual(256);
    expect(embedOf(message)?.title).not.toMatch(/@everyone/);
    expect(embedOf(message)?.footer?.text).toMatch(new RegExp(`ref ${post.id.slice(0, 12)}$`));
    expect(message?.mention_everyone).toBe(false);
    const body = emulator.requestsTo('POST', '/channels/:id/messages')[0]?.body as Record<string, unknown>;
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [] });
    expect(body).toMatchObject({ nonce: post.id, enforce_nonce: true });
    expect(await outbox.size()).toBe(0);
    expect((await outbox.sent(post.id))?.messageId).toBe(message?.id);
    expect(events.map((e) => e.type).filter((type) => type !== 'depth')).toEqual(['queued', 'sent']);
    emulator.assertNoViolations();
  });

  it('mentions only the configured role', async () => {
    const role = emulator.guild('A').role('news-pings').id;
    await loop.enqueue([entry({ mentionRoleId: role })]);
    await loop.drain();
    const body = emulator.requestsTo('POST', '/channels/:id/messages')[0]?.body as Record<string, unknown>;
    expect(body.content).toBe(`<@&${role}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [role] });
  });

  it('waits out a 429 outside discord.js, then gives exactly one message', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 429, retryAfter: 0.2 });
    await loop.enqueue([entry()]);
    expect(await loop.drain()).toMatchObject({ retried: 1, sent: 0 });
    later(1000);
    expect(await loop.drain()).toMatchObject({ sent: 1 });
    expect(emulator.messages(general)).toHaveLength(1);
    expect(await outbox.size()).toBe(0);
  });

  it('keeps a post through server errors and sends it once Discord is back', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 500, times: 5 });
    await loop.enqueue([entry()]);
    expect(await loop.drain()).toMatchObject({ retried: 1, sent: 0 });
    expect(await loop.drain()).toMatchObject({ retried: 0, sent: 0 }); // not due yet
    emulator.clearFaults();
    later(60_000);
    expect(await loop.drain()).toMatchObject({ sent: 1 });
    expect(emulator.messages(general)).toHaveLength(1);
  });

  it('finds a post whose answer was lost instead of sending it again', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 'network', afterHandling: true, times: 2 });
    await loop.enqueue([entry()]);
    expect(await loop.drain()).toMatchObject({ retried: 1 });
    expect(emulator.messages(general)).toHaveLength(1);
    later(60_000);
    expect(await loop.drain()).toMatchObject({ reconciled: 1, sent: 0 });
    expect(emulator.requestsTo('GET', '/channels/:id/messages')).toHaveLength(1);
    expect(emulator.requestsTo('POST', '/channels/:id/messages')).toHaveLength(1); // never sent again
    expect(emulator.messages(general)).toHaveLength(1);
    expect(await outbox.size()).toBe(0);
  });

  it('pauses the subscription on 403, keeps its posts, and tells the admins they are kept', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 403 });
    await loop.enqueue([entry(), entry({ id: 'second', post: makeStoryPost({ storyId: 's2' }) })]);
    expect(await loop.drain()).toMatchObject({ paused: 1, sent: 1 });
    expect(emulator.messages(general)).toHaveLength(0);
    expect(await outbox.size()).toBe(2);
    const paused = (await subscriptions.list(guildId)).find((s) => s.channelId === general);
    expect(paused?.paused?.reason).toMatch(/Missing Access/);
    const [notice] = emulator.messages(news);
    expect(notice?.content).toContain(`<#${general}>`);
    expect(notice?.content).toMatch(/kept for 24 hours \(at most 50\) and delivered when it resumes/);
    expect(notice?.content).toContain('/subscribe');
    expect((await subscriptions.listActive()).map((s) => s.channelId)).toEqual([news]);
  });

  it('delivers what a paused channel kept when it resumes, and lists what was too old', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 403 });
    await loop.enqueue([entry({ post: makeStoryPost({ title: 'Kept for the resume' }) })]);
    await loop.drain();
    later(-30 * 3_600_000); // an entry planned 30 hours before the resume
    await loop.enqueue([entry({ id: 'old', post: makeStoryPost({ storyId: 's-old', title: 'Too old to post', link: 'https://news.example/old' }) })]);
    later(30 * 3_600_000);
    await loop.drain();
    expect(emulator.messages(general)).toHaveLength(0);
    const [subscription] = (await subscriptions.list(guildId)).filter((s) => s.channelId === general);
    await subscriptions.upsert({ ...(subscription as NonNullable<typeof subscription>), paused: undefined });
    const report = await loop.resume(guildId, general);
    expect(report).toEqual({ delivering: 1, skipped: { count: 1, stories: [{ title: 'Too old to post', link: 'https://news.example/old' }] } });
    await loop.drain();
    expect(emulator.messages(general).map((m) => embedOf(m)?.title)).toEqual(['Kept for the resume']);
    expect(await outbox.skipped(general)).toBeUndefined();
  });

  it('edits the posted message when more outlets report the story', async () => {
    const send = entry();
    await loop.enqueue([send]);
    await loop.drain();
    const more = makeStoryPost({
      sources: [{ name: 'Music Business Daily', link: 'https://news.example/a' }, { name: 'Label Watch', link: 'https://label.example/b' }],
    });
    await loop.enqueue([entry({ id: 'edit-1', action: 'edit', post: more, sendId: send.id })]);
    expect(await loop.drain()).toMatchObject({ edited: 1 });
    const messages = emulator.messages(general);
    expect(messages).toHaveLength(1);
    const fields = embedOf(messages[0])?.fields ?? [];
    expect(fields.find((f) => f.name === 'Also reported by')?.value).toContain('Label Watch');
    expect(embedOf(messages[0])?.footer?.text).toMatch(new RegExp(`ref ${send.id.slice(0, 12)}$`));
  });

  it('opens a discussion thread with the takeaways when the subscription asks for one', async () => {
    await loop.enqueue([entry({ openThread: true })]);
    await loop.drain();
    const threadRequest = emulator.requestsTo('POST', '/channels/:id/messages/:id/threads')[0];
    expect(threadRequest).toBeDefined();
    const starter = emulator.requestsTo('POST', '/channels/:id/messages').at(-1)?.body as { content: string };
    expect(starter.content).toContain('What it means for artists');
    expect(await outbox.size()).toBe(0);
    emulator.assertNoViolations();
  });

  it('posts at most five new stories to a channel in a round and names every other one in a digest, at the pace Discord allows', async () => {
    const entries = Array.from({ length: 8 }, (_, i) =>
      entry({ id: `story-${i}`, post: makeStoryPost({ storyId: `s${i}`, title: `Story ${i}`, confidence: 0.5 + i / 100 }) }),
    );
    await loop.enqueue(entries);
    const summary = await drainAll();
    expect(summary.sent + summary.reconciled).toBe(6);
    expect(summary.digested).toBe(3);
    const messages = emulator.messages(general);
    expect(messages).toHaveLength(6);
    expect(embedOf(messages.at(-1))?.title).toBe('3 more deal stories this round');
    expect(embedOf(messages.at(-1))?.description).toContain('Story 0');
    expect(await outbox.size()).toBe(0);
    expect(await loop.enqueue(entries)).toBe(0); // neither the posted nor the digested ones come back
    // Six messages in one channel: the sixth waited for the channel's bucket instead of meeting a 429.
    expect(emulator.requestsTo('POST', `/channels/${general}/messages`).every((r) => r.status === 200)).toBe(true);
    emulator.assertNoViolations();
  }, 20_000);

  it('never delays one channel for another that is rate limited for minutes', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 429, retryAfter: 120, times: Number.POSITIVE_INFINITY });
    await loop.enqueue([entry(), makeOutboxEntry(news, guildId, { createdAt: clock.toISOString(), nextAttemptAt: clock.toISOString() })]);
    expect(await loop.drain()).toMatchObject({ sent: 1, retried: 1 });
    expect(emulator.messages(news)).toHaveLength(1);
    expect(emulator.requestsTo('POST', `/channels/${general}/messages`)).toHaveLength(1);
    const [waiting] = await outbox.list();
    expect(Date.parse(waiting?.nextAttemptAt ?? '') - clock.getTime()).toBeGreaterThanOrEqual(120_000);
    expect(waiting?.maybeSentSince).toBeUndefined(); // a 429 proves nothing was posted
  });

  it('removes the subscription of a deleted channel and says so', async () => {
    emulator.deleteChannel(general);
    await loop.enqueue([entry()]);
    expect(await loop.drain()).toMatchObject({ paused: 1 });
    expect((await subscriptions.list(guildId)).map((s) => s.channelId)).toEqual([news]);
    expect(emulator.messages(news).at(-1)?.content).toMatch(/no longer exists.*removed/);
    expect(await outbox.size()).toBe(0);
  });

  it('keeps a status-change post a status change when later outlets are added, queued or sent', async () => {
    const change = { ...makeStoryPost({ status: 'announced', unconfirmed: false }), type: 'status_change' as const, from: 'in_talks' as const };
    const more = makeStoryPost({
      status: 'announced',
      unconfirmed: false,
      sources: [{ name: 'Music Business Daily', link: 'https://news.example/a' }, { name: 'Label Watch', link: 'https://label.example/b' }],
    });
    const send = entry({ post: change });
    const edit = () => entry({ id: 'edit-s1', action: 'edit', post: more, sendId: send.id });

    await loop.enqueue([send]);
    await loop.enqueue([edit()]); // still queued: the send takes the new sources
    expect((await outbox.list()).map((e) => e.post.type)).toEqual(['status_change']);
    await loop.drain();
    expect(embedOf(emulator.messages(general)[0])?.title).toBe('Netflix × Spotify: in talks → announced');

    await loop.enqueue([edit()]); // already sent: the edit keeps the style
    await loop.drain();
    const [message] = emulator.messages(general);
    expect(embedOf(message)?.title).toBe('Netflix × Spotify: in talks → announced');
    expect(embedOf(message)?.fields?.find((f) => f.name === 'Also reported by')?.value).toContain('Label Watch');
  });

  it('drops what was queued for a channel that has since been unsubscribed', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 500, times: 2 });
    await loop.enqueue([entry()]);
    expect(await loop.drain()).toMatchObject({ retried: 1 });
    await subscriptions.remove(guildId, general);
    later(60_000);
    expect(await loop.drain()).toMatchObject({ dropped: 1, sent: 0 });
    expect(emulator.messages(general)).toHaveLength(0);
    expect(await outbox.size()).toBe(0);
  });
});
