/** Builds and edits message objects from request bodies, resolving mentions the way Discord does. */
import type { ApiAttachment, ApiMessage, ApiUser, JsonObject } from './api-types';
import { isRecord } from './api-types';
import type { EmulatorContext } from './context';
import { Permission } from './permissions';
import type { RecordedFile } from './recorder';
import { channelPermissionsOf } from './state';

export interface MentionResult {
  mention_everyone: boolean;
  mentions: ApiUser[];
  mention_roles: string[];
}

function parseAllowed(value: unknown): { parse: Set<string>; users: Set<string>; roles: Set<string> } {
  if (!isRecord(value)) return { parse: new Set(['users', 'roles', 'everyone']), users: new Set(), roles: new Set() };
  const list = (v: unknown) => new Set(Array.isArray(v) ? v.map(String) : []);
  return { parse: list(value.parse), users: list(value.users), roles: list(value.roles) };
}

/** Who a message's content actually pings: `<@id>`, `<@&id>`, @everyone/@here, filtered by
 * allowed_mentions (absent = everything), the author's Mention Everyone permission and whether a role
 * is mentionable. Embeds never ping. */
export function resolveMentions(ctx: EmulatorContext, channelId: string, authorId: string, content: string, allowedMentions: unknown): MentionResult {
  const { state } = ctx;
  const allowed = parseAllowed(allowedMentions);
  const channel = state.channels.get(channelId);
  let canMentionEveryone = false;
  if (channel?.guildId) {
    try {
      canMentionEveryone = (channelPermissionsOf(state, channelId, authorId) & Permission.MentionEveryone) !== 0n;
    } catch {
      canMentionEveryone = false;
    }
  }
  const mentions: ApiUser[] = [];
  for (const match of content.matchAll(/<@!?(\d{17,20})>/g)) {
    const id = match[1] ?? '';
    const user = state.users.get(id);
    if (user && (allowed.parse.has('users') || allowed.users.has(id)) && !mentions.some((u) => u.id === id)) mentions.push({ ...user });
  }
  const mentionRoles: string[] = [];
  for (const match of content.matchAll(/<@&(\d{17,20})>/g)) {
    const id = match[1] ?? '';
    const role = state.roles.get(id);
    if (!role || role.guildId !== channel?.guildId || mentionRoles.includes(id)) continue;
    if ((allowed.parse.has('roles') || allowed.roles.has(id)) && (role.mentionable || canMentionEveryone)) mentionRoles.push(id);
  }
  const mentionEveryone = /@(everyone|here)\b/.test(content) && allowed.parse.has('everyone') && canMentionEveryone;
  return { mention_everyone: mentionEveryone, mentions, mention_roles: mentionRoles };
}

function normalizeEmbeds(value: unknown): JsonObject[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((embed) => ({ ...structuredClone(embed), type: 'rich' }));
}

function attachmentsFrom(ctx: EmulatorContext, channelId: string, body: JsonObject, files: RecordedFile[]): ApiAttachment[] {
  const described = Array.isArray(body.attachments) ? body.attachments.filter(isRecord) : [];
  return files.map((file, index) => {
    const id = ctx.state.ids.next();
    const meta = described.find((a) => String(a.id) === String(index));
    return {
      id, filename: typeof meta?.filename === 'string' ? meta.filename : file.filename, size: file.size,
      url: `${ctx.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`,
      proxy_url: `${ctx.baseUrl}/attachments/${channelId}/${id}/${encodeURIComponent(file.filename)}`,
      content_type: file.contentType,
      ...(typeof meta?.description === 'string' ? { description: meta.description } : {}),
    };
  });
}

export interface NewMessageInput {
  channelId: string;
  author: ApiUser;
  body: JsonObject;
  files: RecordedFile[];
  type?: number;
  flags?: number;
  webhookId?: string;
  interactionMetadata?: JsonObject;
}

export function buildMessage(ctx: EmulatorContext, input: NewMessageInput): ApiMessage {
  const { body } = input;
  const content = typeof body.content === 'string' ? body.content : '';
  const message: ApiMessage = {
    id: ctx.state.ids.next(),
    type: input.type ?? 0,
    channel_id: input.channelId,
    author: { ...input.author },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    ...resolveMentions(ctx, input.channelId, input.author.id, content, body.allowed_mentions),
    attachments: attachmentsFrom(ctx, input.channelId, body, input.files),
    embeds: normalizeEmbeds(body.embeds),
    components: Array.isArray(body.components) ? structuredClone(body.components.filter(isRecord)) : [],
    pinned: false,
    flags: input.flags ?? (typeof body.flags === 'number' ? body.flags : 0),
  };
  if (typeof body.nonce === 'string' || typeof body.nonce === 'number') message.nonce = body.nonce;
  if (input.webhookId) {
    message.webhook_id = input.webhookId;
    message.application_id = input.webhookId;
  }
  if (input.interactionMetadata) message.interaction_metadata = input.interactionMetadata;
  if (isRecord(body.message_reference)) message.message_reference = { type: 0, channel_id: input.channelId, ...body.message_reference };
  return message;
}

/** A PATCH: fields present replace the old ones (null clears), the rest stays. */
export function applyMessageEdit(ctx: EmulatorContext, message: ApiMessage, body: JsonObject, files: RecordedFile[]): ApiMessage {
  const next: ApiMessage = structuredClone(message);
  if ('content' in body) next.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) next.embeds = normalizeEmbeds(body.embeds);
  if ('components' in body) next.components = Array.isArray(body.components) ? structuredClone(body.components.filter(isRecord)) : [];
  if ('attachments' in body || files.length > 0) {
    const kept = Array.isArray(body.attachments)
      ? next.attachments.filter((a) => (body.attachments as unknown[]).some((k) => isRecord(k) && String(k.id) === a.id))
      : next.attachments;
    next.attachments = [...kept, ...attachmentsFrom(ctx, message.channel_id, body, files)];
  }
  if (typeof body.flags === 'number') {
    const SUPPRESS_EMBEDS = 1 << 2;
    next.flags = (next.flags & ~SUPPRESS_EMBEDS) | (body.flags & SUPPRESS_EMBEDS);
  }
  Object.assign(next, resolveMentions(ctx, next.channel_id, next.author.id, next.content, body.allowed_mentions));
  next.edited_timestamp = new Date().toISOString();
  return next;
}

/** Discord refuses a message with nothing to show. */
export function isEmptyMessageBody(body: JsonObject, files: RecordedFile[]): boolean {
  const nonEmptyList = (v: unknown) => Array.isArray(v) && v.length > 0;
  return !(typeof body.content === 'string' && body.content.length > 0) && !nonEmptyList(body.embeds) && !nonEmptyList(body.components) &&
    !nonEmptyList(body.sticker_ids) && files.length === 0 && !isRecord(body.poll) && !isRecord(body.message_reference);
}
