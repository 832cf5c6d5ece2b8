/** POST /interactions/{id}/{token}/callback: once per interaction, within the deadline. */
import type { JsonObject } from '../api-types';
import { isRecord } from '../api-types';
import type { EmulatorContext, RestRequest, RestResult, RouteDefinition } from '../context';
import { bodyObject, json, noContent } from '../context';
import type { FieldProblem } from '../discord-error';
import { discordError, DiscordHttpError, ErrorCode, invalidFormBody } from '../discord-error';
import { createInteractionMessage, MessageFlag } from '../interaction-messages';
import type { InteractionRecord } from '../interactions';
import { checkAutocompleteResult, checkModal } from '../message-limits';
import { editStored, enforceMessageLimits, rejectEmptyMessage, rejectWithViolation } from '../message-ops';
import { isEmptyMessageBody } from '../messages';

const ROUTE = '/interactions/:interactionId/:token/callback';

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

/** Which callback types each interaction type accepts (2 command, 3 component, 4 autocomplete, 5 modal). */
const ALLOWED: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

function reject(ctx: EmulatorContext, record: InteractionRecord, request: RestRequest, error: { status: number; body: JsonObject }): never {
  record.rejected.push({ status: error.status, body: error.body, at: request.receivedAt });
  ctx.recorder.touch();
  throw discordError(error.status, Number(error.body.code), String(error.body.message));
}

function checkType(ctx: EmulatorContext, record: InteractionRecord, request: RestRequest, type: unknown): number {
  const allowed = ALLOWED[record.type] ?? [];
  if (typeof type === 'number' && allowed.includes(type)) return type;
  const problems: FieldProblem[] = [{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${String(type)} is not valid for an interaction of type ${record.type}` }];
  ctx.recorder.addViolation({ kind: 'interaction', method: request.method, path: request.path, route: ROUTE, problems });
  record.rejected.push({ status: 400, body: invalidFormBody(problems).body, at: request.receivedAt });
  throw invalidFormBody(problems);
}

function checkData(ctx: EmulatorContext, request: RestRequest, type: number, data: JsonObject): void {
  if (type === CallbackType.ChannelMessageWithSource || type === CallbackType.UpdateMessage) {
    enforceMessageLimits(ctx, request, ROUTE, data, { allowEphemeral: true }, ['data']);
    if (type === CallbackType.ChannelMessageWithSource && isEmptyMessageBody(data, request.files)) rejectEmptyMessage(ctx, request, ROUTE);
  } else if (type === CallbackType.ApplicationCommandAutocompleteResult) {
    const problems = checkAutocompleteResult(data);
    if (problems.length > 0) rejectWithViolation(ctx, request, ROUTE, 'autocomplete', problems);
  } else if (type === CallbackType.Modal) {
    const problems = checkModal(data);
    if (problems.length > 0) rejectWithViolation(ctx, request, ROUTE, 'modal', problems);
  }
}

function act(ctx: EmulatorContext, record: InteractionRecord, request: RestRequest, type: number, data: JsonObject): void {
  const flags = typeof data.flags === 'number' ? data.flags : 0;
  if (type === CallbackType.ChannelMessageWithSource) {
    const stored = createInteractionMessage(ctx, record, data, request, flags & (MessageFlag.Ephemeral | (1 << 2) | (1 << 12) | (1 << 15)));
    record.originalMessageId = stored.message.id;
    record.ephemeral = stored.ephemeral;
  } else if (type === CallbackType.DeferredChannelMessageWithSource) {
    const stored = createInteractionMessage(ctx, record, {}, request, (flags & MessageFlag.Ephemeral) | MessageFlag.Loading);
    record.originalMessageId = stored.message.id;
    record.ephemeral = stored.ephemeral;
    record.loading = true;
  } else if (type === CallbackType.DeferredUpdateMessage || type === CallbackType.UpdateMessage) {
    record.originalMessageId = record.componentMessageId;
    const stored = record.componentMessageId ? ctx.state.messages.get(record.componentMessageId) : undefined;
    if (type === CallbackType.UpdateMessage && stored) editStored(ctx, stored, data, request);
  }
}

function handleCallback(request: RestRequest, ctx: EmulatorContext): RestResult {
  const record = ctx.interactions.byId(request.params.interactionId ?? '');
  if (!record || record.token !== request.params.token) throw discordError(404, ErrorCode.UnknownInteraction);
  const latencyMs = request.receivedAt - record.createdAt;
  if (latencyMs > ctx.options.interactionDeadlineMs) {
    ctx.recorder.addViolation({
      kind: 'interaction', method: request.method, path: request.path, route: ROUTE,
      problems: [{ path: [], code: 'INTERACTION_TIMEOUT', message: `Callback arrived ${Math.round(latencyMs)} ms after INTERACTION_CREATE (limit ${ctx.options.interactionDeadlineMs} ms)` }],
    });
    reject(ctx, record, request, { status: 404, body: { message: 'Unknown interaction', code: ErrorCode.UnknownInteraction } });
  }
  if (record.callback) reject(ctx, record, request, { status: 400, body: { message: 'Interaction has already been acknowledged.', code: ErrorCode.InteractionAlreadyAcknowledged } });
  const body = bodyObject(request.body);
  const type = checkType(ctx, record, request, body.type);
  const data = isRecord(body.data) ? body.data : {};
  try {
    checkData(ctx, request, type, data);
  } catch (error) {
    if (error instanceof DiscordHttpError) record.rejected.push({ status: error.status, body: error.body, at: request.receivedAt });
    throw error;
  }
  act(ctx, record, request, type, data);
  const withResponse = request.query.get('with_response') === 'true';
  record.callback = { type, data: isRecord(body.data) ? structuredClone(body.data) : null, at: request.receivedAt, latencyMs, withResponse };
  ctx.recorder.touch();
  if (!withResponse) return noContent();
  const message = record.originalMessageId ? ctx.state.messages.get(record.originalMessageId)?.message : undefined;
  const interaction: JsonObject = { id: record.id, type: record.type };
  if (message && (type === 4 || type === 5)) {
    Object.assign(interaction, { response_message_id: message.id, response_message_loading: record.loading, response_message_ephemeral: record.ephemeral });
  }
  const resource: JsonObject = { type };
  if (message && (type === 4 || type === 7)) resource.message = message;
  return json(200, { interaction, resource });
}

export const interactionRoutes: RouteDefinition[] = [
  { method: 'POST', template: ROUTE, auth: false, bucketed: false, handle: handleCallback },
];
