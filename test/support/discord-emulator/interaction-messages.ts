/** Messages created on behalf of an interaction (responses and follow-ups): webhook-authored, with
 * interaction_metadata, ephemeral when flag 64 is set. */
import type { ApiMessage, JsonObject } from './api-types';
import type { EmulatorContext, RestRequest } from './context';
import type { InteractionRecord } from './interactions';
import { publishCreate } from './message-ops';
import { buildMessage } from './messages';
import { userPayload } from './payloads';
import type { StoredMessage } from './state';
import { storeMessage } from './state';

export const MessageFlag = { Ephemeral: 1 << 6, Loading: 1 << 7 } as const;

function interactionMetadata(ctx: EmulatorContext, record: InteractionRecord, extra: JsonObject): JsonObject {
  const data = record.payload.data as JsonObject | undefined;
  const base: JsonObject = {
    id: record.id, type: record.type, user: userPayload(ctx.state, record.userId),
    authorizing_integration_owners: record.guildId ? { '0': record.guildId } : { '1': record.userId },
  };
  if (record.type === 2 && data) Object.assign(base, { name: data.name, command_type: data.type ?? 1 });
  if (record.componentMessageId) base.interacted_message_id = record.componentMessageId;
  return { ...base, ...extra };
}

export function createInteractionMessage(ctx: EmulatorContext, record: InteractionRecord, body: JsonObject, request: RestRequest, flags: number, extraMetadata: JsonObject = {}): StoredMessage {
  const message: ApiMessage = buildMessage(ctx, {
    channelId: record.channelId,
    author: ctx.state.bot.user,
    body,
    files: request.files,
    type: record.type === 2 || record.type === 4 ? 20 : 0,
    flags,
    webhookId: ctx.state.bot.applicationId,
    interactionMetadata: interactionMetadata(ctx, record, extraMetadata),
  });
  const stored = storeMessage(ctx.state, message, record.guildId, (flags & MessageFlag.Ephemeral) !== 0);
  publishCreate(ctx, stored);
  return stored;
}
