/** Outbox claims on Postgres: one worker per queue across processes, a lapsed claim taken over and fenced, and two delivery loops on one outbox sending every post exactly once. */
import { createConsoleSink } from '../../../src/console/console-sink';
import { createConsoleTransport } from '../../../src/console/console-transport';
import { createSilentLogger } from '../../../src/logger';
import type { ChannelDirectory } from '../../../src/posts/channel-directory';
import { createDeliveryLoop } from '../../../src/posts/delivery-loop';
import type { OutboxEntry } from '../../../src/posts/outbox';
import { FenceLostError } from '../../../src/shared/store-failure';
import type { PostgresFactory } from '../../../src/store/postgres/open-postgres';
import { createStoredJournal } from '../../../src/store/printed-store';
import type { Subscription } from '../../../src/posts/subscription-store';
import { queueKeyOf } from '../../../src/posts/queue-state';
import { makeOutboxEntry, makeStoryPost } from '../../support/posts';
import { usePostgresStores } from '../../support/use-postgres';

describe('outbox claims on Postgres', () => {
  const { open } = usePostgresStores();
  const now = new Date();
  const story = (channel: string, i: number): OutboxEntry =>
    makeOutboxEntry(channel, `guild-${channel}`, {
      id: `${channel}-story-${i}`, createdAt: now.toISOString(), nextAttemptAt: now.toISOString(),
      post: makeStoryPost({ storyId: `${channel}-s${i}`, title: `${channel} story ${i}`, link: `https://news.example/${channel}/${i}` }),
    });

  it('gives a queue to one worker at a time, across processes, with the entries as stored and its channel\'s pacing', async () => {
    const [a, b] = [open().outbox(queueKeyOf), open().outbox(queueKeyOf)];
    await a.commit({ put: [story('c1', 1), story('c1', 2), story('c2', 1)] });
    const claim = await a.claim('c1');
    expect(claim?.entries?.map((e) => e.id).sort()).toEqual(['c1-story-1', 'c1-story-2']);
    expect(await b.claim('c1')).toBeUndefined();
    expect(await a.claim('c1')).toBeUndefined(); // another worker of the same process
    const other = await b.claim('c2');
    expect(other).toBeDefined();
    // The channel's rate limit as this holder knew it goes to the next holder, in another process.
    const waitUntil = Date.now() + 4000;
    await claim?.release(waitUntil);
    const next = await b.claim('c1');
    expect(next?.entries).toHaveLength(2);
    expect(next?.readyAt).toBe(waitUntil);
    await next?.release();
    await other?.release();
  });

  it('lets a lapsed claim be taken over, and refuses every write of its old holder from then on', async () => {
    const [storeA, storeB] = [open(), open()];
    const [a, b] = [storeA.outbox(queueKeyOf), storeB.outbox(queueKeyOf)];
    await a.commit({ put: [story('c1', 1)] });
    const old = await a.claim('c1');
    expect(old).toBeDefined();
    await old?.outbox.commit({ put: [{ ...story('c1', 1), attempts: 1 }] });
    // A is paused past its claim's expiry (its renewals stop with it): the claim lapses, B takes the queue.
    await storeB.database.write("UPDATE outbox_claims SET expires_at = clock_timestamp() - interval '1 second'");
    const taken = await b.claim('c1');
    expect(taken?.entries?.map((e) => e.attempts)).toEqual([1]);
    // A wakes up: every write through its old claim is refused, whatever it is.
    await expect(old?.outbox.commit({ put: [{ ...story('c1', 1), attempts: 9, maybeSentSince: now.toISOString() }] })).rejects.toBeInstanceOf(FenceLostError);
    await expect(old?.outbox.recordSent([{ id: 'c1-story-1', record: { messageId: 'm', channelId: 'c1', at: now.toISOString() } }])).rejects.toBeInstanceOf(FenceLostError);
    await taken?.outbox.commit({ put: [{ ...story('c1', 1), attempts: 2 }] });
    expect((await b.get('c1-story-1'))?.attempts).toBe(2);
    expect(await b.sent('c1-story-1')).toBeUndefined();
    await old?.release(); // releases nothing of B's
    expect(await a.claim('c1')).toBeUndefined();
    await taken?.release();
  });

  it('counts the processes that deliver, so that they share the bot\'s global limit', async () => {
    const [a, b] = [open().outbox(queueKeyOf), open().outbox(queueKeyOf)];
    expect(await a.deliverers()).toBe(1);
    expect(await b.deliverers()).toBe(2);
    expect(await a.deliverers()).toBe(2);
  });

  it('two processes draining one outbox at once post every story exactly once, digests included', async () => {
    const printed: string[] = [];
    const sink = createConsoleSink({ json: true, write: (line) => printed.push(line) });
    const subscription = (guildId: string, channelId: string): Subscription => ({
      guildId, channelId, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false, createdAt: now.toISOString(), createdBy: 'test',
    });
    const channels: ChannelDirectory = {
      find: async (guildId, channelId) => subscription(guildId, channelId),
      pause: async () => undefined,
      remove: async () => true,
    };
    const loop = (store: PostgresFactory) =>
      createDeliveryLoop({
        outbox: store.outbox(queueKeyOf), transport: createConsoleTransport(sink, createStoredJournal(store.namespace('printed'))), channels,
        log: createSilentLogger(), now: () => now, tuning: { rescanMs: 200 },
      });
    const [a, b] = [loop(open()), loop(open())];
    const names = Array.from({ length: 20 }, (_, i) => `ch${i}`);
    // Each process queues half of every channel's stories (more than a round's cap: digests are formed).
    await a.enqueue(names.flatMap((c) => [0, 1, 2, 3, 4].map((i) => story(c, i))));
    await b.enqueue(names.flatMap((c) => [5, 6, 7, 8, 9].map((i) => story(c, i))));
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    await Promise.all([a.drain(), b.drain()]);
    const shown = printed.flatMap((line) => {
      const post = JSON.parse(line) as { type: string; story?: { title: string }; stories?: { title: string }[] };
      return post.type === 'digest' ? (post.stories ?? []).map((s) => s.title) : [post.story?.title ?? ''];
    });
    const counts = new Map<string, number>();
    for (const title of shown) counts.set(title, (counts.get(title) ?? 0) + 1);
    expect(counts.size).toBe(200);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(await open().outbox(queueKeyOf).size()).toBe(0);
  });
});
