import type { APIMessage, Client, REST, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { DiscordAPIError, HTTPError, RateLimitError, Routes, SnowflakeUtil } from 'discord.js';
import type { OutboxEntry, SentRecord } from '../posts/outbox';
import { postRef } from '../posts/outbox';
import type { DealPost, NoticePost } from '../posts/post';
import { inStyle, isDealPost } from '../posts/post';
import type { DeliveryOutcome, FindOutcome, Transport } from '../posts/transport';
import { digestCapacity, refSuffix, renderPostMessage } from './embeds/post-message';
import { renderNoticeMessage } from './embeds/notice-message';
import { renderThreadStarter, threadName } from './embeds/thread-message';
import type { GuildFacts, NoticeTargets } from './guild-facts';
import { createGuildFacts } from './guild-facts';
import type { ChannelPacer, RequestPacer } from './rate-pacing';
import { createChannelPacer, createDeliveryRest, createRequestPacer, DELIVERY_PACE } from './rate-pacing';
import { stopSweepers } from './rest-sweepers';

export interface DiscordTransportDeps {
  /** The delivery REST client (createDeliveryRest: paced by `pacer`, and teaching `channels`). */
  rest: REST;
  pacer: RequestPacer;
  channels: ChannelPacer;
  /** The bot's user id, to recognise its own messages. */
  botUserId: () => string | undefined;
  /**
   * Whether the bot may read a channel's history (without it Discord lists nothing), and where to
   * tell a server's admins that posting to a channel stopped, for any server the bot is in.
   */
  guilds: GuildFacts;
}

/** Discord answers that mean the bot can never post in that channel as things stand. */
const NO_ACCESS_CODES = new Set([50001, 50013, 10004]);
const UNKNOWN_CHANNEL = 10003;
const UNKNOWN_MESSAGE = 10008;
const THREAD_ALREADY_CREATED = 160004;
/** Pages of 100 messages read to find a post after a lost answer. */
const FIND_PAGES = 5;
/** A post is looked for among messages from a minute before its first attempt. */
const FIND_SLACK_MS = 60_000;

/**
 * Posts outbox entries to Discord over REST and reports each outcome; the delivery loop records it.
 * A send carries a nonce (Discord returns the first message for a repeated one, for a few minutes)
 * and a reference in its footer, by which `findSent` recognises it later.
 */
export function createDiscordTransport(deps: DiscordTransportDeps): Transport {
  const post = async (channelId: string, body: RESTPostAPIChannelMessageJSONBody) => (await deps.rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
  const list = async (channelId: string, query: Record<string, string>) =>
    (await deps.rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams(query) })) as APIMessage[];
  const withNonce = (entry: OutboxEntry, body: RESTPostAPIChannelMessageJSONBody): RESTPostAPIChannelMessageJSONBody => ({
    ...body, nonce: entry.id.slice(0, 25), enforce_nonce: true,
  });

  async function deliver(entry: OutboxEntry, target?: SentRecord): Promise<DeliveryOutcome> {
    try {
      const { post: content } = entry;
      if (content.type === 'notice') return await deliverNotice(entry, content);
      if (entry.action === 'thread' && isDealPost(content) && target) return await openThread(entry, content, target.messageId);
      if (entry.action === 'edit' && isDealPost(content) && target) {
        const body = renderPostMessage(inStyle(content, target.style) as DealPost, { mentionRoleId: entry.mentionRoleId, ref: postRef(entry.sendId ?? '') });
        await deps.rest.patch(Routes.channelMessage(entry.channelId, target.messageId), { body: { embeds: body.embeds, allowed_mentions: body.allowed_mentions } });
        return { kind: 'sent', messageId: target.messageId };
      }
      if (entry.action !== 'send') return { kind: 'rejected', reason: `nothing to ${entry.action}` };
      const body = renderPostMessage(content, { mentionRoleId: entry.mentionRoleId, ref: postRef(entry.id) });
      const message = await post(entry.channelId, withNonce(entry, body));
      return { kind: 'sent', messageId: message.id };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  async function openThread(entry: OutboxEntry, content: DealPost, messageId: string): Promise<DeliveryOutcome> {
    try {
      await deps.rest.post(Routes.threads(entry.channelId, messageId), { body: { name: threadName(content), auto_archive_duration: 1440 } });
    } catch (error) {
      // A thread started from a message takes the message's id: one made by an earlier attempt is it.
      if (!(error instanceof DiscordAPIError && error.code === THREAD_ALREADY_CREATED)) throw error;
    }
    const starter = await post(messageId, withNonce(entry, renderThreadStarter(content)));
    return { kind: 'sent', messageId: starter.id };
  }

  async function deliverNotice(entry: OutboxEntry, notice: NoticePost): Promise<DeliveryOutcome> {
    const body = withNonce(entry, renderNoticeMessage(notice));
    let targets: NoticeTargets;
    try {
      targets = await deps.guilds.noticeTargets(entry.guildId);
    } catch (error) {
      return outcomeOf(error);
    }
    let last: DeliveryOutcome = { kind: 'rejected', reason: 'the server has no channel or owner to tell' };
    for (const channelId of targets.channelIds.filter((id) => id !== notice.channelId)) {
      try {
        return { kind: 'sent', messageId: (await post(channelId, body)).id };
      } catch (error) {
        last = outcomeOf(error);
        if (last.kind === 'retry') return last;
      }
    }
    if (!targets.ownerId) return last;
    try {
      const dm = (await deps.rest.post(Routes.userChannels(), { body: { recipient_id: targets.ownerId } })) as { id: string };
      return { kind: 'sent', messageId: (await post(dm.id, body)).id };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  async function findSent(entry: OutboxEntry, target?: SentRecord): Promise<FindOutcome> {
    if (entry.action === 'notice') return { kind: 'unknown', reason: 'notices are not looked for' };
    const botId = deps.botUserId();
    const mine = (m: APIMessage) => botId === undefined || m.author.id === botId;
    try {
      if ((await deps.guilds.canReadHistory(entry.guildId, entry.channelId)) === false) return { kind: 'unknown', reason: 'no Read Message History permission' };
      if (entry.action === 'thread') {
        if (!target) return { kind: 'not_found' };
        const messages = await list(target.messageId, { limit: '50' });
        const starter = messages.find(mine);
        return starter ? { kind: 'found', messageId: starter.id } : { kind: 'not_found' };
      }
      const suffix = refSuffix(postRef(entry.id));
      let after = SnowflakeUtil.generate({ timestamp: Date.parse(entry.maybeSentSince ?? entry.createdAt) - FIND_SLACK_MS }).toString();
      for (let page = 0; page < FIND_PAGES; page += 1) {
        const messages = await list(entry.channelId, { after, limit: '100' });
        const found = messages.find((m) => mine(m) && m.embeds.some((e) => e.footer?.text.endsWith(suffix)));
        if (found) return { kind: 'found', messageId: found.id };
        if (messages.length < 100) return { kind: 'not_found' };
        after = messages.reduce((max, m) => (BigInt(m.id) > BigInt(max) ? m.id : max), after);
      }
      return { kind: 'unknown', reason: `more than ${FIND_PAGES * 100} messages since the first attempt` };
    } catch (error) {
      if (error instanceof DiscordAPIError && (error.code === UNKNOWN_CHANNEL || error.status === 404)) return { kind: 'not_found' };
      return { kind: 'unknown', reason: describe(error) };
    }
  }

  return {
    deliver,
    findSent,
    readyAt: (channelId) => deps.channels.readyAt(channelId),
    digestCapacity,
    share: (processes) => deps.pacer.share(processes),
  };
}

/** A client's transport, with its own REST client to stop once the bot stops. */
export interface ClientTransport extends Transport {
  /** Stops the REST client's sweep timers (after the last delivery). */
  close(): void;
}

/**
 * The transport of a logged-in client: a paced REST client of its own, the client's user, and what
 * the client's cache knows of the servers of its shards (REST answers for the others).
 */
export function createClientTransport(client: Client, token: string, apiBase: string | undefined): ClientTransport {
  const channels = createChannelPacer();
  const pacer = createRequestPacer(DELIVERY_PACE);
  const rest = createDeliveryRest(token, apiBase, pacer, channels);
  const transport = createDiscordTransport({ rest, pacer, channels, botUserId: () => client.user?.id, guilds: createGuildFacts(client, rest) });
  return { ...transport, close: () => stopSweepers(rest) };
}

/** What a failed request means for the post. */
function outcomeOf(error: unknown): DeliveryOutcome {
  const reason = describe(error);
  if (error instanceof RateLimitError) {
    return { kind: 'retry', reason, retryAfterMs: Math.max(error.retryAfter, error.timeToReset, 1), maybeSent: false };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : 0;
    if (NO_ACCESS_CODES.has(code) || error.status === 403) return { kind: 'no_access', reason };
    if (code === UNKNOWN_CHANNEL || code === UNKNOWN_MESSAGE || error.status === 404) return { kind: 'gone', reason };
    if (error.status === 400) return { kind: 'rejected', reason };
    return { kind: 'retry', reason, maybeSent: error.status >= 500 };
  }
  // A server error, a timeout, a dropped connection: the request may have been acted on.
  return { kind: 'retry', reason, maybeSent: true };
}

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `${error.message} (${error.status}/${error.code})`;
  if (error instanceof HTTPError) return `${error.status} ${error.message}`;
  if (error instanceof RateLimitError) return `rate limited on ${error.route} for ${Math.round(Math.max(error.retryAfter, error.timeToReset))} ms`;
  return error instanceof Error ? error.message : String(error);
}
