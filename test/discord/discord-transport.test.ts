import type { APIEmbed } from 'discord.js';
import { REST } from 'discord.js';
import { createDiscordTransport } from '../../src/discord/discord-transport';
import { drainOutbox } from '../../src/posts/drain-outbox';
import { createSilentLogger } from '../../src/logger';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { openKeyvFactory } from '../../src/store/open-keyv';
import type { OutboxStore } from '../../src/store/outbox-store';
import { createOutboxStore } from '../../src/store/outbox-store';
import type { SubscriptionStore } from '../../src/store/subscription-store';
import { createSubscriptionStore } from '../../src/store/subscription-store';
import type { DiscordEmulator } from '../support/discord-emulator';
import type { ApiMessage } from '../support/discord-emulator/api-types';
import { startDiscordEmulator } from '../support/discord-emulator';
import { makeOutboxEntry, makeStoryPost } from '../support/posts';
import { makeTempDatabase } from '../support/temp-dir';

const embedOf = (message: ApiMessage | undefined) => message?.embeds[0] as APIEmbed | undefined;

describe('delivery from the outbox to Discord (real REST client, emulator)', () => {
  let emulator: DiscordEmulator;
  let db: ReturnType<typeof makeTempDatabase>;
  let keyv: KeyvFactory;
  let outbox: OutboxStore;
  let subscriptions: SubscriptionStore;
  let rest: REST;
  let clock: Date;
  let guildId: string;
  let news: string;
  let general: string;

  beforeEach(async () => {
    emulator = await startDiscordEmulator();
    db = makeTempDatabase();
    keyv = openKeyvFactory(db.url, createSilentLogger());
    outbox = createOutboxStore({ outbox: keyv.namespace('outbox'), sent: keyv.namespace('sent'), messages: keyv.namespace('messages') });
    subscriptions = createSubscriptionStore(keyv.namespace('subscriptions'));
    rest = new REST({ api: emulator.apiBase, retries: 1, timeout: 5000 }).setToken(emulator.token);
    clock = new Date('2026-11-23T10:00:00Z');
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
  });
  afterEach(async () => {
    await keyv.close();
    await emulator.close();
    db.cleanup();
  });

  const deps = () => {
    const log = createSilentLogger();
    const now = () => clock;
    const transport = createDiscordTransport({ rest, outbox, subscriptions, log, now, findNoticeTargets: () => ({ channelIds: [news] }) });
    return { outbox, transport, log, now };
  };

  it('posts an embed within limits, with no mention allowed, and records the message for edits', async () => {
    await outbox.enqueue([makeOutboxEntry(general, guildId, {
      post: makeStoryPost({ title: `@everyone ${'Very long headline '.repeat(40)}`, summary: 'x'.repeat(9000) }),
    })]);
    expect(await drainOutbox(deps())).toMatchObject({ sent: 1 });
    const [message] = emulator.messages(general);
    expect(embedOf(message)?.title?.length).toBeLessThanOrEqual(256);
    expect(embedOf(message)?.title).not.toMatch(/@everyone/);
    expect(message?.mention_everyone).toBe(false);
    const body = emulator.requestsTo('POST', '/channels/:id/messages')[0]?.body as Record<string, unknown>;
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [] });
    expect(await outbox.size()).toBe(0);
    expect((await outbox.messageFor(`${general}:s1`))?.messageId).toBe(message?.id);
    emulator.assertNoViolations();
  });

  it('mentions only the configured role', async () => {
    const role = emulator.guild('A').role('news-pings').id;
    await outbox.enqueue([makeOutboxEntry(general, guildId, { mentionRoleId: role })]);
    await drainOutbox(deps());
    const body = emulator.requestsTo('POST', '/channels/:id/messages')[0]?.body as Record<string, unknown>;
    expect(body.content).toBe(`<@&${role}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [role] });
  });

  it('gives exactly one message after a 429 and then success', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 429, retryAfter: 0.2 });
    await outbox.enqueue([makeOutboxEntry(general, guildId)]);
    await drainOutbox(deps());
    expect(emulator.messages(general)).toHaveLength(1);
    expect(await outbox.size()).toBe(0);
  });

  it('keeps a post through server errors and sends it once Discord is back', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 500, times: 5 });
    await outbox.enqueue([makeOutboxEntry(general, guildId)]);
    expect(await drainOutbox(deps())).toMatchObject({ retried: 1, sent: 0 });
    expect(await drainOutbox(deps())).toMatchObject({ retried: 0, sent: 0 }); // not due yet
    emulator.clearFaults();
    clock = new Date(clock.getTime() + 60_000);
    expect(await drainOutbox(deps())).toMatchObject({ sent: 1 });
    expect(emulator.messages(general)).toHaveLength(1);
  });

  it('does not post twice when Discord took the message but the answer was lost', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 'network', afterHandling: true });
    await outbox.enqueue([makeOutboxEntry(general, guildId)]);
    expect(await drainOutbox(deps())).toMatchObject({ retried: 1 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await drainOutbox(deps())).toMatchObject({ sent: 1 });
    expect(emulator.requestsTo('POST', '/channels/:id/messages')).toHaveLength(2);
    expect(emulator.messages(general)).toHaveLength(1);
    expect(await outbox.size()).toBe(0);
  });

  it('pauses the subscription on 403 and tells the admins in the system channel', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 403 });
    await outbox.enqueue([
      makeOutboxEntry(general, guildId),
      makeOutboxEntry(general, guildId, { id: 'second', post: makeStoryPost({ storyId: 's2' }), messageKey: `${general}:s2` }),
    ]);
    expect(await drainOutbox(deps())).toMatchObject({ paused: 1 });
    expect(emulator.messages(general)).toHaveLength(0);
    expect(await outbox.size()).toBe(0);
    const paused = (await subscriptions.list(guildId)).find((s) => s.channelId === general);
    expect(paused?.paused?.reason).toMatch(/Missing Access/);
    const [notice] = emulator.messages(news);
    expect(notice?.content).toContain(`<#${general}>`);
    expect(notice?.content).toContain('/subscribe');
    expect((await subscriptions.listActive()).map((s) => s.channelId)).toEqual([news]);
  });

  it('edits the posted message when more outlets report the story', async () => {
    await outbox.enqueue([makeOutboxEntry(general, guildId)]);
    await drainOutbox(deps());
    const more = makeStoryPost({
      sources: [{ name: 'Music Business Daily', link: 'https://news.example/a' }, { name: 'Label Watch', link: 'https://label.example/b' }],
    });
    await outbox.enqueue([makeOutboxEntry(general, guildId, { id: 'edit-1', action: 'edit', post: more })]);
    expect(await drainOutbox(deps())).toMatchObject({ edited: 1 });
    const messages = emulator.messages(general);
    expect(messages).toHaveLength(1);
    const fields = embedOf(messages[0])?.fields ?? [];
    expect(fields.find((f) => f.name === 'Also reported by')?.value).toContain('Label Watch');
  });

  it('opens a discussion thread with the takeaways when the subscription asks for one', async () => {
    await outbox.enqueue([makeOutboxEntry(general, guildId, { openThread: true })]);
    await drainOutbox(deps());
    const threadRequest = emulator.requestsTo('POST', '/channels/:id/messages/:id/threads')[0];
    expect(threadRequest).toBeDefined();
    const starter = emulator.requestsTo('POST', '/channels/:id/messages').at(-1)?.body as { content: string };
    expect(starter.content).toContain('What it means for artists');
    emulator.assertNoViolations();
  });

  it('posts at most five new stories to a channel in one round and sums up the rest in one digest', async () => {
    const entries = Array.from({ length: 8 }, (_, i) =>
      makeOutboxEntry(general, guildId, {
        id: `story-${i}`,
        messageKey: `${general}:s${i}`,
        post: makeStoryPost({ storyId: `s${i}`, title: `Story ${i}`, confidence: 0.5 + i / 100 }),
      }),
    );
    await outbox.enqueue(entries);
    expect(await drainOutbox(deps())).toMatchObject({ sent: 6, digested: 3 });
    const messages = emulator.messages(general);
    expect(messages).toHaveLength(6);
    expect(embedOf(messages.at(-1))?.title).toBe('3 more deal stories this round');
    expect(embedOf(messages.at(-1))?.description).toContain('Story 0');
    expect(await outbox.size()).toBe(0);
    await outbox.enqueue(entries);
    expect(await outbox.size()).toBe(0); // neither the posted nor the digested ones come back
  });

  it('removes the subscription of a deleted channel and says so', async () => {
    emulator.deleteChannel(general);
    await outbox.enqueue([makeOutboxEntry(general, guildId)]);
    expect(await drainOutbox(deps())).toMatchObject({ paused: 1 });
    expect((await subscriptions.list(guildId)).map((s) => s.channelId)).toEqual([news]);
    expect(emulator.messages(news).at(-1)?.content).toMatch(/no longer exists.*removed/);
  });

  it('keeps a status-change post a status change when later outlets are added, queued or sent', async () => {
    const change = { ...makeStoryPost({ status: 'announced', unconfirmed: false }), type: 'status_change' as const, from: 'in_talks' as const };
    const more = makeStoryPost({
      status: 'announced',
      unconfirmed: false,
      sources: [{ name: 'Music Business Daily', link: 'https://news.example/a' }, { name: 'Label Watch', link: 'https://label.example/b' }],
    });
    const send = makeOutboxEntry(general, guildId, { post: change });
    const edit = () => makeOutboxEntry(general, guildId, { id: 'edit-s1', action: 'edit', post: more, editsSend: send.id });

    await outbox.enqueue([send]);
    await outbox.enqueue([edit()]); // still queued: the send takes the new sources
    expect((await outbox.due(clock)).map((e) => e.post.type)).toEqual(['status_change']);
    await drainOutbox(deps());
    expect(embedOf(emulator.messages(general)[0])?.title).toBe('Netflix × Spotify: in talks → announced');

    await outbox.enqueue([edit()]); // already sent: the edit keeps the style
    await drainOutbox(deps());
    const [message] = emulator.messages(general);
    expect(embedOf(message)?.title).toBe('Netflix × Spotify: in talks → announced');
    expect(embedOf(message)?.fields?.find((f) => f.name === 'Also reported by')?.value).toContain('Label Watch');
  });

  it('drops what was queued for a channel that has since been unsubscribed', async () => {
    emulator.failNext({ method: 'POST', route: `/channels/${general}/messages`, status: 500, times: 2 });
    await outbox.enqueue([makeOutboxEntry(general, guildId)]);
    expect(await drainOutbox(deps())).toMatchObject({ retried: 1 });
    await subscriptions.remove(guildId, general);
    clock = new Date(clock.getTime() + 60_000);
    expect(await drainOutbox(deps())).toMatchObject({ dropped: 1, sent: 0 });
    expect(emulator.messages(general)).toHaveLength(0);
    expect(await outbox.size()).toBe(0);
  });
});
