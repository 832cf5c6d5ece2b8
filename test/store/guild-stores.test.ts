import { createSilentLogger } from '../../src/logger';
import { createGuildFeedStore, GuildFeedLimitError, MAX_FEEDS_PER_GUILD } from '../../src/feeds/guild-feed-store';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import type { Subscription } from '../../src/posts/subscription-store';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import { makeTempDatabase } from '../support/temp-dir';

const feed = (n: number) => ({ url: `https://f${n}.example/feed`, name: `F${n}`, addedAt: '2026-11-23T00:00:00Z', addedBy: 'u1' });
const subscription = (guildId: string, channelId: string): Subscription => ({
  guildId, channelId, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
  createdAt: '2026-11-23T00:00:00Z', createdBy: 'u1',
});

describe('per-server stores', () => {
  const db = makeTempDatabase();
  let keyv: KeyvFactory;
  beforeAll(() => {
    keyv = openKeyvFactory(db.url, createSilentLogger());
  });
  afterAll(async () => {
    await keyv.close();
    db.cleanup();
  });

  it('keeps each server\'s feeds apart and lists every URL once for the poller', async () => {
    const feeds = createGuildFeedStore(namespaceRecords(keyv.namespace('guild-feeds')));
    await Promise.all([feeds.add('A', feed(1)), feeds.add('A', feed(2)), feeds.add('B', feed(1))]);
    expect((await feeds.list('A')).map((f) => f.name).sort()).toEqual(['F1', 'F2']);
    expect((await feeds.list('B')).map((f) => f.name)).toEqual(['F1']);
    const all = await feeds.listAll();
    expect(all.get(feed(1).url)?.guildIds.sort()).toEqual(['A', 'B']);
    expect(all.get(feed(2).url)?.guildIds).toEqual(['A']);
    expect(await feeds.add('A', { ...feed(1), name: 'Renamed' })).toBe(false);
    expect((await feeds.list('A')).find((f) => f.url === feed(1).url)?.name).toBe('Renamed');
    expect((await feeds.remove('A', feed(1).url))?.url).toBe(feed(1).url);
    expect(await feeds.remove('A', feed(1).url)).toBeUndefined();
    expect((await feeds.list('B')).map((f) => f.name)).toEqual(['F1']);
  });

  it('caps the feeds a server can add', async () => {
    const feeds = createGuildFeedStore(namespaceRecords(keyv.namespace('guild-feeds')));
    for (let i = 0; i < MAX_FEEDS_PER_GUILD; i += 1) await feeds.add('C', feed(100 + i));
    await expect(feeds.add('C', feed(999))).rejects.toBeInstanceOf(GuildFeedLimitError);
  });

  it('pauses a subscription and lifts the pause when it is made again', async () => {
    const subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
    expect(await subscriptions.upsert(subscription('A', 'c1'))).toEqual({ created: true });
    await subscriptions.upsert(subscription('A', 'c2'));
    await subscriptions.upsert(subscription('B', 'c3'));
    await subscriptions.pause('A', 'c1', 'Missing Access', new Date('2026-11-23T01:00:00Z'));
    expect((await subscriptions.listActive()).map((s) => s.channelId).sort()).toEqual(['c2', 'c3']);
    expect((await subscriptions.list('A')).find((s) => s.channelId === 'c1')?.paused?.reason).toBe('Missing Access');
    expect(await subscriptions.upsert(subscription('A', 'c1'))).toEqual({ created: false });
    expect((await subscriptions.listActive()).map((s) => s.channelId).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(await subscriptions.remove('A', 'c1')).toBe(true);
    expect(await subscriptions.remove('A', 'c1')).toBe(false);
    expect((await subscriptions.list('B')).map((s) => s.channelId)).toEqual(['c3']);
  });
});
