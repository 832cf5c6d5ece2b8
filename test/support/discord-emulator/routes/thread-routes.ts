/** Thread creation: from a message (the thread takes the message's id) or standalone. */
import { requireBotPermission, requireChannel } from '../access';
import type { EmulatorContext, RestRequest, RestResult, RouteDefinition } from '../context';
import { bodyObject, GatewayIntent, json } from '../context';
import { DiscordHttpError } from '../discord-error';
import { ProblemList } from '../limit-checks';
import { rejectWithViolation, requireMessage } from '../message-ops';
import { channelPayload } from '../payloads';
import { Permission } from '../permissions';
import type { ChannelRecord } from '../state';

const FROM_MESSAGE = '/channels/:channelId/messages/:messageId/threads';
const STANDALONE = '/channels/:channelId/threads';
const ARCHIVE_DURATIONS = [60, 1440, 4320, 10080];

function checkThreadBody(ctx: EmulatorContext, request: RestRequest, route: string): { name: string; autoArchive: number; type: unknown } {
  const body = bodyObject(request.body);
  const p = new ProblemList();
  const name = p.string(['name'], body.name, { min: 1, max: 100, required: true });
  if (body.auto_archive_duration !== undefined && !ARCHIVE_DURATIONS.includes(Number(body.auto_archive_duration))) {
    p.add(['auto_archive_duration'], 'BASE_TYPE_CHOICES', `Value must be one of (${ARCHIVE_DURATIONS.join(', ')}).`);
  }
  p.integer(['rate_limit_per_user'], body.rate_limit_per_user, { min: 0, max: 21600 });
  if (p.items.length > 0) rejectWithViolation(ctx, request, route, 'message', p.items);
  return { name: name ?? '', autoArchive: Number(body.auto_archive_duration ?? 4320), type: body.type };
}

function createThread(ctx: EmulatorContext, parent: ChannelRecord, id: string, type: number, name: string, autoArchive: number): ChannelRecord {
  const thread: ChannelRecord = {
    id, guildId: parent.guildId, key: null, type, name, position: 0, topic: null, parentId: parent.id, overwrites: [], lastMessageId: null,
    thread: { ownerId: ctx.state.bot.user.id, archived: false, locked: false, autoArchiveDuration: autoArchive, createdAt: new Date().toISOString(), messageCount: 0 },
  };
  ctx.state.channels.set(id, thread);
  ctx.gateway.dispatch('THREAD_CREATE', { ...channelPayload(ctx.state, thread), newly_created: true }, { intent: GatewayIntent.Guilds, ...(parent.guildId ? { guildId: parent.guildId } : {}) });
  ctx.recorder.touch();
  return thread;
}

function requireThreadParent(ctx: EmulatorContext, request: RestRequest, flag: bigint): ChannelRecord {
  const parent = requireChannel(ctx, request.params.channelId ?? '');
  if (!parent.guildId || parent.thread || ![0, 5].includes(parent.type)) {
    throw new DiscordHttpError(400, { message: 'Cannot execute action on this channel type', code: 50024 });
  }
  requireBotPermission(ctx, parent, flag);
  return parent;
}

function startFromMessage(request: RestRequest, ctx: EmulatorContext): RestResult {
  const parent = requireThreadParent(ctx, request, Permission.CreatePublicThreads);
  const stored = requireMessage(ctx, parent.id, request.params.messageId ?? '');
  if (stored.message.thread || ctx.state.channels.has(stored.message.id)) {
    throw new DiscordHttpError(400, { message: 'A thread has already been created for this message', code: 160004 });
  }
  const { name, autoArchive } = checkThreadBody(ctx, request, FROM_MESSAGE);
  const thread = createThread(ctx, parent, stored.message.id, parent.type === 5 ? 10 : 11, name, autoArchive);
  stored.message = { ...stored.message, thread: channelPayload(ctx.state, thread) };
  return json(201, channelPayload(ctx.state, thread));
}

function startStandalone(request: RestRequest, ctx: EmulatorContext): RestResult {
  const body = bodyObject(request.body);
  // Discord's default for this route is a private thread.
  const type = body.type === undefined ? 12 : Number(body.type);
  const parent = requireThreadParent(ctx, request, type === 12 ? Permission.CreatePrivateThreads : Permission.CreatePublicThreads);
  const { name, autoArchive } = checkThreadBody(ctx, request, STANDALONE);
  if (![10, 11, 12].includes(type)) throw new DiscordHttpError(400, { message: 'Invalid thread type', code: 50035 });
  const thread = createThread(ctx, parent, ctx.state.ids.next(), type, name, autoArchive);
  return json(201, channelPayload(ctx.state, thread));
}

export const threadRoutes: RouteDefinition[] = [
  { method: 'POST', template: FROM_MESSAGE, auth: true, handle: startFromMessage },
  { method: 'POST', template: STANDALONE, auth: true, handle: startStandalone },
];
