/** Channels and their messages: GET channel, create/get/edit/delete/list messages (nonce honoured
 * for the configured window). */
import { requireBotPermission, requireChannel, sendPermissionFor } from '../access';
import type { ApiMessage } from '../api-types';
import type { EmulatorContext, RestRequest, RestResult, RouteDefinition } from '../context';
import { bodyObject, json, noContent } from '../context';
import { discordError, ErrorCode } from '../discord-error';
import { deleteStored, editStored, enforceMessageLimits, publishCreate, rejectEmptyMessage, requireMessage } from '../message-ops';
import { buildMessage, isEmptyMessageBody } from '../messages';
import { channelPayload } from '../payloads';
import { Permission } from '../permissions';
import { storeMessage, visibleMessages } from '../state';

const MESSAGES = '/channels/:channelId/messages';
const MESSAGE = '/channels/:channelId/messages/:messageId';

function channelId(request: RestRequest): string {
  return request.params.channelId ?? '';
}

/** Discord drops embeds from a message whose author lacks Embed Links; the bot would post a bare
 * message, so the emulator records it as a violation too. */
function dropEmbedsWithoutPermission(ctx: EmulatorContext, request: RestRequest, body: Record<string, unknown>, permissions: bigint): void {
  if (!(permissions & Permission.EmbedLinks) && Array.isArray(body.embeds) && body.embeds.length > 0) {
    ctx.recorder.addViolation({
      kind: 'message', method: request.method, path: request.path, route: MESSAGES,
      problems: [{ path: ['embeds'], code: 'MISSING_EMBED_LINKS', message: 'Embeds were dropped: the bot lacks Embed Links in this channel' }],
    });
    body.embeds = [];
  }
}

function createMessage(request: RestRequest, ctx: EmulatorContext): RestResult {
  const channel = requireChannel(ctx, channelId(request));
  const permissions = requireBotPermission(ctx, channel, sendPermissionFor(channel));
  const body = bodyObject(request.body);
  enforceMessageLimits(ctx, request, MESSAGES, body);
  if (isEmptyMessageBody(body, request.files)) rejectEmptyMessage(ctx, request, MESSAGES);
  dropEmbedsWithoutPermission(ctx, request, body, permissions);
  const authorId = ctx.state.bot.user.id;
  const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : null;
  const nonceKey = nonce !== null && body.enforce_nonce === true ? `${authorId}:${nonce}` : null;
  if (nonceKey) {
    const seen = ctx.nonces.get(nonceKey);
    const previous = seen && Date.now() - seen.at <= ctx.options.nonceWindowMs ? ctx.state.messages.get(seen.messageId) : undefined;
    if (previous && !previous.deleted) return json(200, previous.message);
  }
  const message = buildMessage(ctx, { channelId: channel.id, author: ctx.state.bot.user, body, files: request.files });
  const stored = storeMessage(ctx.state, message, channel.guildId, false);
  if (nonceKey) ctx.nonces.set(nonceKey, { messageId: message.id, at: Date.now() });
  publishCreate(ctx, stored);
  return json(200, message);
}

function editMessage(request: RestRequest, ctx: EmulatorContext): RestResult {
  const channel = requireChannel(ctx, channelId(request));
  const permissions = requireBotPermission(ctx, channel);
  const stored = requireMessage(ctx, channel.id, request.params.messageId ?? '');
  if (stored.message.author.id !== ctx.state.bot.user.id) throw discordError(403, ErrorCode.CannotEditOtherUsersMessage);
  const body = bodyObject(request.body);
  enforceMessageLimits(ctx, request, MESSAGE, body);
  dropEmbedsWithoutPermission(ctx, request, body, permissions);
  return json(200, editStored(ctx, stored, body, request));
}

/** GET messages: newest first; `before` the newest ones older than an id, `after` the oldest ones
 * newer than it (still listed newest first), as Discord answers. */
function listMessages(request: RestRequest, oldestFirst: ApiMessage[]): ApiMessage[] {
  const limit = Math.min(100, Math.max(1, Number(request.query.get('limit') ?? 50) || 50));
  const id = (name: string) => (/^\d{1,20}$/.test(request.query.get(name) ?? '') ? request.query.get(name) : null);
  const before = id('before');
  const after = id('after');
  if (after) return oldestFirst.filter((m) => BigInt(m.id) > BigInt(after)).slice(0, limit).reverse();
  const older = before ? oldestFirst.filter((m) => BigInt(m.id) < BigInt(before)) : oldestFirst;
  return older.slice(-limit).reverse();
}

export const channelRoutes: RouteDefinition[] = [
  {
    method: 'GET', template: '/channels/:channelId', auth: true,
    handle: (request, ctx) => {
      const channel = requireChannel(ctx, channelId(request));
      requireBotPermission(ctx, channel);
      return json(200, channelPayload(ctx.state, channel));
    },
  },
  { method: 'POST', template: MESSAGES, auth: true, handle: createMessage },
  {
    method: 'GET', template: MESSAGES, auth: true,
    handle: (request, ctx) => {
      const channel = requireChannel(ctx, channelId(request));
      requireBotPermission(ctx, channel, Permission.ReadMessageHistory);
      return json(200, listMessages(request, visibleMessages(ctx.state, channel.id)));
    },
  },
  {
    method: 'GET', template: MESSAGE, auth: true,
    handle: (request, ctx) => {
      const channel = requireChannel(ctx, channelId(request));
      requireBotPermission(ctx, channel, Permission.ReadMessageHistory);
      return json(200, requireMessage(ctx, channel.id, request.params.messageId ?? '').message);
    },
  },
  { method: 'PATCH', template: MESSAGE, auth: true, handle: editMessage },
  {
    method: 'DELETE', template: MESSAGE, auth: true,
    handle: (request, ctx) => {
      const channel = requireChannel(ctx, channelId(request));
      const permissions = requireBotPermission(ctx, channel);
      const stored = requireMessage(ctx, channel.id, request.params.messageId ?? '');
      if (stored.message.author.id !== ctx.state.bot.user.id && !(permissions & Permission.ManageMessages)) throw discordError(403, ErrorCode.MissingPermissions);
      deleteStored(ctx, stored);
      return noContent();
    },
  },
  {
    method: 'POST', template: '/channels/:channelId/typing', auth: true,
    handle: (request, ctx) => {
      const channel = requireChannel(ctx, channelId(request));
      requireBotPermission(ctx, channel, sendPermissionFor(channel));
      return noContent();
    },
  },
];
