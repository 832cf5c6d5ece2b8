import type { APIMessage, REST, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { DiscordAPIError, Routes } from 'discord.js';
import type { Logger } from '../logger';
import type { DeliveryOutcome, Transport } from '../posts/drain-outbox';
import { inStyle } from '../posts/post';
import type { OutboxEntry, OutboxStore } from '../store/outbox-store';
import type { SubscriptionStore } from '../store/subscription-store';
import { renderPostMessage } from './embeds/post-message';
import { renderThreadStarter, threadName } from './embeds/thread-message';

export interface DiscordTransportDeps {
  rest: REST;
  outbox: OutboxStore;
  subscriptions: SubscriptionStore;
  log: Logger;
  now: () => Date;
  /**
   * Where to tell a server's admins that posting to a channel stopped: channels to try in order (the
   * system channel, the community updates channel), then the owner's direct messages.
   */
  findNoticeTargets: (guildId: string) => { channelIds: string[]; ownerId?: string };
}

/** Discord answers that mean the bot can never post in that channel as things stand. */
const NO_ACCESS_CODES = new Set([50001, 50013, 10003, 10004]);
const UNKNOWN_MESSAGE = 10008;
const UNKNOWN_CHANNEL = 10003;

/**
 * Posts outbox entries to Discord over REST. An entry is marked sent only once Discord accepted it.
 * Rate limits are waited out by discord.js; server errors and network failures retry with backoff;
 * a channel the bot lost access to pauses its subscription and the server's admins are told.
 */
export function createDiscordTransport(deps: DiscordTransportDeps): Transport {
  return { deliver: (entry) => deliverEntry(entry, deps) };
}

async function deliverEntry(entry: OutboxEntry, deps: DiscordTransportDeps): Promise<DeliveryOutcome> {
  const { outbox, log } = deps;
  const fields = { guild: entry.guildId, channel: entry.channelId, entry: entry.id, action: entry.action };
  try {
    // Unsubscribed (or paused) since the post was planned, e.g. while it waited out an outage.
    const subscribed = (await deps.subscriptions.list(entry.guildId)).some((s) => s.channelId === entry.channelId && !s.paused);
    if (!subscribed) {
      await outbox.drop(entry);
      return 'dropped';
    }
    if (entry.action === 'edit') return await editMessage(entry, deps);
    if (await outbox.wasSent(entry.id)) {
      await outbox.drop(entry);
      return 'dropped';
    }
    const body: RESTPostAPIChannelMessageJSONBody = {
      ...renderPostMessage(entry.post, { mentionRoleId: entry.mentionRoleId }),
      // Discord returns the first message for a repeated nonce, so a send retried after a crash
      // between "Discord accepted it" and "we recorded it" does not post twice.
      nonce: entry.id.slice(0, 25),
      enforce_nonce: true,
    };
    const message = (await deps.rest.post(Routes.channelMessages(entry.channelId), { body })) as APIMessage;
    await outbox.markSent(entry, message.id, deps.now());
    if (entry.openThread && entry.post.type !== 'digest') await openThread(entry, message.id, deps);
    return 'sent';
  } catch (error) {
    if (error instanceof DiscordAPIError && isNoAccess(error)) {
      await pauseChannel(entry, error, deps);
      return 'paused';
    }
    if (error instanceof DiscordAPIError && error.status === 400) {
      log.error({ ...fields, err: error }, 'Discord rejected a post as invalid; dropping it');
      await outbox.drop(entry);
      return 'dropped';
    }
    log.warn({ ...fields, err: error, attempts: entry.attempts + 1 }, 'post not delivered; will retry');
    await outbox.retryLater(entry, describe(error), deps.now());
    return 'retried';
  }
}

async function editMessage(entry: OutboxEntry, deps: DiscordTransportDeps): Promise<DeliveryOutcome> {
  const target = entry.messageKey ? await deps.outbox.messageFor(entry.messageKey) : undefined;
  if (!target) {
    // The story's first post has not gone out yet (it will carry the new sources when it does),
    // or it never will; either way there is nothing to edit now.
    await deps.outbox.drop(entry);
    return 'dropped';
  }
  const post = inStyle(entry.post, target.style);
  const { embeds, allowed_mentions } = renderPostMessage(post, { mentionRoleId: entry.mentionRoleId });
  try {
    await deps.rest.patch(Routes.channelMessage(entry.channelId, target.messageId), { body: { embeds, allowed_mentions } });
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === UNKNOWN_MESSAGE) {
      await deps.outbox.drop(entry); // the message was deleted by someone: nothing to edit
      return 'dropped';
    }
    throw error;
  }
  await deps.outbox.markSent(entry, target.messageId, deps.now());
  return 'edited';
}

async function openThread(entry: OutboxEntry, messageId: string, deps: DiscordTransportDeps): Promise<void> {
  if (entry.post.type === 'digest') return;
  try {
    const thread = (await deps.rest.post(Routes.threads(entry.channelId, messageId), {
      body: { name: threadName(entry.post), auto_archive_duration: 1440 },
    })) as { id: string };
    await deps.rest.post(Routes.channelMessages(thread.id), { body: renderThreadStarter(entry.post) });
  } catch (error) {
    // The post itself is out; a missing discussion thread is not worth posting twice for.
    deps.log.warn({ channel: entry.channelId, err: error }, 'could not open a discussion thread');
  }
}

/**
 * The bot can no longer post in a channel. A deleted channel's subscription is removed (nothing can
 * bring it back, and /unsubscribe could not even name it); otherwise it is paused until an admin
 * fixes the permissions and subscribes again. Either way its queued posts are dropped and the
 * server's admins are told.
 */
async function pauseChannel(entry: OutboxEntry, error: DiscordAPIError, deps: DiscordTransportDeps): Promise<void> {
  const { log, outbox } = deps;
  const reason = describe(error);
  const deleted = error.code === UNKNOWN_CHANNEL;
  log.warn({ guild: entry.guildId, channel: entry.channelId, reason, deleted }, 'lost access to a channel; stopping its posts');
  if (deleted) await deps.subscriptions.remove(entry.guildId, entry.channelId);
  else await deps.subscriptions.pause(entry.guildId, entry.channelId, reason, deps.now());
  for (const pending of await outbox.due(new Date(8.64e15), Number.POSITIVE_INFINITY)) {
    if (pending.channelId === entry.channelId) await outbox.drop(pending);
  }
  const notice = {
    content: deleted
      ? `⚠️ The channel Crossover posted deal news to (${entry.channelId}) no longer exists, so its subscription was removed. Run \`/subscribe\` to choose another channel.`
      : `⚠️ Crossover can no longer post in <#${entry.channelId}> (${reason}), so posting there is paused. ` +
        'Give the bot View Channel, Send Messages and Embed Links in that channel, then run `/subscribe` for it again.',
    allowed_mentions: { parse: [] },
  };
  const targets = deps.findNoticeTargets(entry.guildId);
  for (const channelId of targets.channelIds.filter((id) => id !== entry.channelId)) {
    if (await postNotice(deps, channelId, notice)) return;
  }
  if (targets.ownerId) {
    const dm = (await deps.rest
      .post(Routes.userChannels(), { body: { recipient_id: targets.ownerId } })
      .catch(() => undefined)) as { id: string } | undefined;
    if (dm && (await postNotice(deps, dm.id, notice))) return;
  }
  log.warn({ guild: entry.guildId, channel: entry.channelId }, 'could not tell the admins about a paused channel');
}

async function postNotice(deps: DiscordTransportDeps, channelId: string, body: RESTPostAPIChannelMessageJSONBody): Promise<boolean> {
  try {
    await deps.rest.post(Routes.channelMessages(channelId), { body });
    return true;
  } catch {
    return false;
  }
}

function isNoAccess(error: DiscordAPIError): boolean {
  return (typeof error.code === 'number' && NO_ACCESS_CODES.has(error.code)) || error.status === 403;
}

function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `${error.message} (${error.status}/${error.code})`;
  return error instanceof Error ? error.message : String(error);
}
