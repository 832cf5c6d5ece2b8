/** Shared steps of every route that writes a message: check limits (a violation is recorded and
 * answered with Discord's 400), store, edit, and tell the gateway. */
import type { ApiMessage, JsonObject } from './api-types';
import type { DispatchTarget, EmulatorContext, RestRequest } from './context';
import { GatewayIntent } from './context';
import type { FieldProblem } from './discord-error';
import { discordError, ErrorCode, invalidFormBody } from './discord-error';
import type { MessageCheckOptions } from './message-limits';
import { checkMessageBody, nestProblems } from './message-limits';
import { applyMessageEdit } from './messages';
import { memberPayload } from './payloads';
import type { ViolationKind } from './recorder';
import type { StoredMessage } from './state';
import { memberKey } from './state';

export function rejectWithViolation(ctx: EmulatorContext, request: RestRequest, route: string, kind: ViolationKind, problems: FieldProblem[]): never {
  ctx.recorder.addViolation({ kind, method: request.method, path: request.path, route, problems });
  throw invalidFormBody(problems);
}

/** Throws Discord's 400 (and records a violation) when the body breaks a message limit. */
export function enforceMessageLimits(ctx: EmulatorContext, request: RestRequest, route: string, body: JsonObject, options: MessageCheckOptions = {}, prefix: string[] = []): void {
  const problems = nestProblems(prefix, checkMessageBody(body, options));
  if (problems.length > 0) rejectWithViolation(ctx, request, route, 'message', problems);
}

export function rejectEmptyMessage(ctx: EmulatorContext, request: RestRequest, route: string): never {
  ctx.recorder.addViolation({
    kind: 'message', method: request.method, path: request.path, route,
    problems: [{ path: [], code: 'EMPTY_MESSAGE', message: 'Cannot send an empty message' }],
  });
  throw discordError(400, ErrorCode.CannotSendEmptyMessage);
}

function gatewayMessage(ctx: EmulatorContext, stored: StoredMessage): JsonObject {
  const data: JsonObject = { ...structuredClone(stored.message) };
  if (stored.guildId) {
    data.guild_id = stored.guildId;
    if (ctx.state.members.has(memberKey(stored.guildId, stored.message.author.id))) {
      data.member = memberPayload(ctx.state, stored.guildId, stored.message.author.id, false);
    }
  }
  return data;
}

function messageTarget(stored: StoredMessage): DispatchTarget {
  return stored.guildId ? { intent: GatewayIntent.GuildMessages, guildId: stored.guildId } : { intent: GatewayIntent.DirectMessages };
}

export function publishCreate(ctx: EmulatorContext, stored: StoredMessage): void {
  ctx.recorder.touch();
  if (!stored.ephemeral) ctx.gateway.dispatch('MESSAGE_CREATE', gatewayMessage(ctx, stored), messageTarget(stored));
}

export function editStored(ctx: EmulatorContext, stored: StoredMessage, body: JsonObject, request: RestRequest, clearFlags = 0): ApiMessage {
  stored.message = applyMessageEdit(ctx, stored.message, body, request.files);
  stored.message.flags &= ~clearFlags;
  stored.history.push(structuredClone(stored.message));
  ctx.recorder.touch();
  if (!stored.ephemeral) ctx.gateway.dispatch('MESSAGE_UPDATE', gatewayMessage(ctx, stored), messageTarget(stored));
  return stored.message;
}

export function deleteStored(ctx: EmulatorContext, stored: StoredMessage): void {
  stored.deleted = true;
  ctx.recorder.touch();
  if (!stored.ephemeral) {
    ctx.gateway.dispatch('MESSAGE_DELETE', {
      id: stored.message.id, channel_id: stored.message.channel_id, ...(stored.guildId ? { guild_id: stored.guildId } : {}),
    }, messageTarget(stored));
  }
}

/** A message the emulator knows, or Discord's 404 Unknown Message. */
export function requireMessage(ctx: EmulatorContext, channelId: string, messageId: string): StoredMessage {
  const stored = ctx.state.messages.get(messageId);
  if (!stored || stored.deleted || stored.ephemeral || stored.message.channel_id !== channelId) throw discordError(404, ErrorCode.UnknownMessage);
  return stored;
}
