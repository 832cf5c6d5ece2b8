/** Delivery to Discord when an answer is lost and Discord has forgotten the nonce: the post's reference finds it. */
import { createDiscordTransport } from '../../src/discord/discord-transport';
import { createChannelPacer, createDeliveryRest, createRequestPacer, DELIVERY_PACE } from '../../src/discord/rate-pacing';
import { stopSweepers } from '../../src/discord/rest-sweepers';
import { createSilentLogger } from '../../src/logger';
import { subscriptionDirectory } from '../../src/posts/channel-directory';
import { createDeliveryLoop } from '../../src/posts/delivery-loop';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import { createOutboxStore } from '../../src/store/outbox-store';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import { startDiscordEmulator } from '../support/discord-emulator';
import { makeOutboxEntry } from '../support/posts';
import { makeTempDatabase } from '../support/temp-dir';

describe('exactly once beyond the nonce window', () => {
  it('recognises its own post by the reference it carries once Discord has forgotten the nonce', async () => {
    const emulator = await startDiscordEmulator({ nonceWindowMs: 50 });
    const db = makeTempDatabase();
    const keyv = openKeyvFactory(db.url, createSilentLogger());
    const channels = createChannelPacer();
    const pacer = createRequestPacer(DELIVERY_PACE);
    const rest = createDeliveryRest(emulator.token, emulator.apiBase, pacer, channels);
    try {
      const outbox = createOutboxStore({ outbox: keyv.namespace('outbox'), sent: keyv.namespace('sent'), skipped: keyv.namespace('skipped-posts') });
      const subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
      const { id: guildId } = emulator.guild('A');
      const channelId = emulator.guild('A').channel('news').id;
      await subscriptions.upsert({ guildId, channelId, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false, createdAt: new Date().toISOString(), createdBy: 'admin' });
      const transport = createDiscordTransport({
        rest, pacer, channels,
        botUserId: () => emulator.botUserId, guilds: { canReadHistory: async () => true, noticeTargets: async () => ({ channelIds: [] }) },
      });
      let clock = new Date();
      const loop = createDeliveryLoop({ outbox, transport, channels: subscriptionDirectory(subscriptions), log: createSilentLogger(), now: () => clock });
      // Discord creates the message; both answers (the try and discord.js's retry) are lost.
      emulator.failNext({ method: 'POST', route: `/channels/${channelId}/messages`, status: 502, afterHandling: true, times: 2 });
      await loop.enqueue([makeOutboxEntry(channelId, guildId, { createdAt: clock.toISOString(), nextAttemptAt: clock.toISOString() })]);
      expect(await loop.drain()).toMatchObject({ retried: 1 });
      await new Promise((resolve) => setTimeout(resolve, 100)); // the nonce is forgotten
      clock = new Date(clock.getTime() + 60_000);
      expect(await loop.drain()).toMatchObject({ reconciled: 1, sent: 0 });
      expect(emulator.messages(channelId)).toHaveLength(1);
      await loop.stop();
    } finally {
      stopSweepers(rest);
      await keyv.close();
      await emulator.close();
      db.cleanup();
    }
  });
});
