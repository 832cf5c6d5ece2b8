/** Interaction webhooks: the original response (`@original`, sent by discord.js as `%40original`) and
 * follow-up messages, valid for the interaction token's lifetime. */
import type { EmulatorContext, RestRequest, RestResult, RouteDefinition } from '../context';
import { bodyObject, json, noContent } from '../context';
import { discordError, ErrorCode } from '../discord-error';
import { createInteractionMessage, MessageFlag } from '../interaction-messages';
import type { InteractionRecord } from '../interactions';
import { deleteStored, editStored, enforceMessageLimits, rejectEmptyMessage } from '../message-ops';
import { isEmptyMessageBody } from '../messages';
import type { StoredMessage } from '../state';

const WEBHOOK = '/webhooks/:webhookId/:token';
const WEBHOOK_MESSAGE = '/webhooks/:webhookId/:token/messages/:messageId';

function requireInteraction(ctx: EmulatorContext, request: RestRequest): InteractionRecord {
  const record = ctx.interactions.byToken(request.params.token ?? '');
  if (!record || request.params.webhookId !== ctx.state.bot.applicationId || !record.callback) throw discordError(404, ErrorCode.UnknownWebhook);
  if (request.receivedAt - record.createdAt > ctx.options.interactionTokenTtlMs) throw discordError(401, ErrorCode.InvalidWebhookToken);
  return record;
}

function requireWebhookMessage(ctx: EmulatorContext, record: InteractionRecord, messageId: string): StoredMessage {
  const id = messageId === '@original' ? record.originalMessageId : messageId;
  const known = id !== null && (id === record.originalMessageId || record.followupIds.includes(id));
  const stored = known && id ? ctx.state.messages.get(id) : undefined;
  if (!stored || stored.deleted) throw discordError(404, ErrorCode.UnknownMessage);
  return stored;
}

function editWebhookMessage(request: RestRequest, ctx: EmulatorContext): RestResult {
  const record = requireInteraction(ctx, request);
  const stored = requireWebhookMessage(ctx, record, request.params.messageId ?? '');
  const body = bodyObject(request.body);
  enforceMessageLimits(ctx, request, WEBHOOK_MESSAGE, body);
  const isOriginal = stored.message.id === record.originalMessageId;
  const message = editStored(ctx, stored, body, request, isOriginal ? MessageFlag.Loading : 0);
  if (isOriginal) {
    record.loading = false;
    record.edits += 1;
  }
  return json(200, message);
}

function createFollowup(request: RestRequest, ctx: EmulatorContext): RestResult {
  const record = requireInteraction(ctx, request);
  const body = bodyObject(request.body);
  enforceMessageLimits(ctx, request, WEBHOOK, body, { allowEphemeral: true });
  if (isEmptyMessageBody(body, request.files)) rejectEmptyMessage(ctx, request, WEBHOOK);
  const original = record.originalMessageId ? ctx.state.messages.get(record.originalMessageId) : undefined;
  if (record.loading && original) {
    // Documented legacy behaviour: the first follow-up after a deferral edits the loading message.
    const message = editStored(ctx, original, body, request, MessageFlag.Loading);
    record.loading = false;
    record.edits += 1;
    return json(200, message);
  }
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  const stored = createInteractionMessage(ctx, record, body, request, flags, record.originalMessageId ? { original_response_message_id: record.originalMessageId } : {});
  record.followupIds.push(stored.message.id);
  ctx.recorder.touch();
  return json(200, stored.message);
}

export const webhookRoutes: RouteDefinition[] = [
  { method: 'POST', template: WEBHOOK, auth: false, handle: createFollowup },
  {
    method: 'GET', template: WEBHOOK_MESSAGE, auth: false,
    handle: (request, ctx) => json(200, requireWebhookMessage(ctx, requireInteraction(ctx, request), request.params.messageId ?? '').message),
  },
  { method: 'PATCH', template: WEBHOOK_MESSAGE, auth: false, handle: editWebhookMessage },
  {
    method: 'DELETE', template: WEBHOOK_MESSAGE, auth: false,
    handle: (request, ctx) => {
      deleteStored(ctx, requireWebhookMessage(ctx, requireInteraction(ctx, request), request.params.messageId ?? ''));
      return noContent();
    },
  },
];
