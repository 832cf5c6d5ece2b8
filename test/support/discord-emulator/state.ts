/** The emulator's world: users, guilds, roles, channels, members and messages, built from fixtures. */
import type { ApiApplicationCommand, ApiMessage, ApiUser } from './api-types';
import type { BotFixture, GuildFixture, OverwriteFixture } from './fixtures';
import type { PermissionOverwrite, PermissionSubject } from './permissions';
import { computeBasePermissions, computeChannelPermissions } from './permissions';
import type { SnowflakeGenerator } from './snowflake';

export interface RoleRecord {
  id: string;
  guildId: string;
  key: string;
  name: string;
  permissions: bigint;
  position: number;
  mentionable: boolean;
  managed: boolean;
  color: number;
  botId?: string;
}

export interface ThreadRecord {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: number;
  createdAt: string;
  messageCount: number;
}

export interface ChannelRecord {
  id: string;
  guildId: string | null;
  key: string | null;
  type: number;
  name: string;
  position: number;
  topic: string | null;
  parentId: string | null;
  overwrites: PermissionOverwrite[];
  lastMessageId: string | null;
  thread?: ThreadRecord;
  /** DM channels: the other user. */
  recipientId?: string;
}

export interface MemberRecord {
  guildId: string;
  userId: string;
  key: string;
  roles: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildRecord {
  id: string;
  key: string;
  name: string;
  ownerId: string;
  locale: string;
  systemChannelId: string | null;
  joinedAt: string;
  roleIds: Map<string, string>;
  channelIds: Map<string, string>;
  memberIds: Map<string, string>;
}

export interface StoredMessage {
  message: ApiMessage;
  guildId: string | null;
  /** Ephemeral interaction replies: not part of the channel's visible history. */
  ephemeral: boolean;
  deleted: boolean;
  /** Every version of the message, oldest first (the current one last). */
  history: ApiMessage[];
}

export interface BotIdentity {
  user: ApiUser;
  applicationId: string;
  token: string;
}

export interface EmulatorState {
  bot: BotIdentity;
  users: Map<string, ApiUser>;
  guilds: Map<string, GuildRecord>;
  roles: Map<string, RoleRecord>;
  channels: Map<string, ChannelRecord>;
  members: Map<string, MemberRecord>;
  messages: Map<string, StoredMessage>;
  channelMessageIds: Map<string, string[]>;
  /** Registered application commands: key 'global' or a guild id. */
  commands: Map<string, ApiApplicationCommand[]>;
  ids: SnowflakeGenerator;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

export function memberKey(guildId: string, userId: string): string {
  return `${guildId}:${userId}`;
}

function createToken(userId: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
  return `${Buffer.from(userId).toString('base64url')}.${pick(6)}.${pick(38)}`;
}

function createUser(id: string, username: string, globalName: string | null, bot = false): ApiUser {
  return { id, username, discriminator: '0', global_name: globalName, avatar: null, public_flags: 0, ...(bot ? { bot: true } : {}) };
}

export function createEmulatorState(fixtures: readonly GuildFixture[], bot: BotFixture, ids: SnowflakeGenerator): EmulatorState {
  const applicationId = bot.applicationId ?? ids.next(Date.now() - 2 * YEAR_MS);
  // Discord bots made since 2020 share the application's id; keep that unless told otherwise.
  const botUserId = bot.userId ?? applicationId;
  const botUser = createUser(botUserId, bot.username ?? 'Crossover', null, true);
  const state: EmulatorState = {
    bot: { user: botUser, applicationId, token: createToken(botUserId) },
    users: new Map([[botUserId, botUser]]),
    guilds: new Map(),
    roles: new Map(),
    channels: new Map(),
    members: new Map(),
    messages: new Map(),
    channelMessageIds: new Map(),
    commands: new Map(),
    ids,
  };
  for (const fixture of fixtures) addGuild(state, fixture);
  return state;
}

function resolveOverwrite(state: EmulatorState, guild: GuildRecord, o: OverwriteFixture): PermissionOverwrite {
  if (o.member !== undefined) {
    const id = o.member === '@bot' ? state.bot.user.id : guild.memberIds.get(o.member);
    if (!id) throw new Error(`fixture: guild ${guild.key} has no member '${o.member}'`);
    return { id, type: 1, allow: o.allow ?? 0n, deny: o.deny ?? 0n };
  }
  const roleKey = o.role ?? '@everyone';
  const id = roleKey === '@everyone' ? guild.id : guild.roleIds.get(roleKey);
  if (!id) throw new Error(`fixture: guild ${guild.key} has no role '${roleKey}'`);
  return { id, type: 0, allow: o.allow ?? 0n, deny: o.deny ?? 0n };
}

export function addGuild(state: EmulatorState, fixture: GuildFixture): GuildRecord {
  const created = Date.now() - 3 * YEAR_MS;
  const id = fixture.id ?? state.ids.next(created);
  const joinedAt = new Date(Date.now() - YEAR_MS).toISOString();
  const guild: GuildRecord = {
    id, key: fixture.key, name: fixture.name ?? `Guild ${fixture.key}`, ownerId: '', locale: fixture.locale ?? 'en-US',
    systemChannelId: null, joinedAt, roleIds: new Map(), channelIds: new Map(), memberIds: new Map(),
  };
  state.guilds.set(id, guild);
  const addRole = (role: Omit<RoleRecord, 'guildId'>) => {
    state.roles.set(role.id, { ...role, guildId: id });
    guild.roleIds.set(role.key, role.id);
  };
  addRole({ id, key: '@everyone', name: '@everyone', permissions: fixture.everyonePermissions ?? 0n, position: 0, mentionable: false, managed: false, color: 0 });
  (fixture.roles ?? []).forEach((r, i) => addRole({
    id: r.id ?? state.ids.next(created + 1000 * (i + 1)), key: r.key, name: r.name ?? r.key, permissions: r.permissions ?? 0n,
    position: i + 1, mentionable: r.mentionable ?? false, managed: false, color: r.color ?? 0,
  }));
  const botRoleId = state.ids.next(Date.now() - YEAR_MS);
  addRole({ id: botRoleId, key: '@bot', name: state.bot.user.username, permissions: fixture.botPermissions ?? 0n, position: (fixture.roles?.length ?? 0) + 1, mentionable: false, managed: true, color: 0, botId: state.bot.user.id });

  for (const m of fixture.members ?? []) {
    const userId = m.id ?? state.ids.next(created - YEAR_MS * Math.random());
    if (!state.users.has(userId)) state.users.set(userId, createUser(userId, m.username ?? m.key, m.globalName ?? null));
    const roles = (m.roles ?? []).map((key) => {
      const roleId = guild.roleIds.get(key);
      if (!roleId) throw new Error(`fixture: guild ${fixture.key} has no role '${key}' for member '${m.key}'`);
      return roleId;
    });
    state.members.set(memberKey(id, userId), { guildId: id, userId, key: m.key, roles, nick: m.nick ?? null, joinedAt });
    guild.memberIds.set(m.key, userId);
  }
  state.members.set(memberKey(id, state.bot.user.id), { guildId: id, userId: state.bot.user.id, key: '@bot', roles: [botRoleId], nick: null, joinedAt });
  guild.memberIds.set('@bot', state.bot.user.id);
  const ownerKey = fixture.owner ?? fixture.members?.[0]?.key;
  guild.ownerId = (ownerKey && guild.memberIds.get(ownerKey)) || state.bot.user.id;

  (fixture.channels ?? []).forEach((c, i) => {
    const channelId = c.id ?? state.ids.next(created + 60_000 * (i + 1));
    guild.channelIds.set(c.key, channelId);
    state.channels.set(channelId, {
      id: channelId, guildId: id, key: c.key, type: c.type ?? 0, name: c.name ?? c.key, position: i, topic: c.topic ?? null,
      parentId: null, overwrites: [], lastMessageId: null,
    });
  });
  for (const c of fixture.channels ?? []) {
    const channel = state.channels.get(guild.channelIds.get(c.key) ?? '');
    if (!channel) continue;
    channel.overwrites = (c.overwrites ?? []).map((o) => resolveOverwrite(state, guild, o));
    if (c.parent) channel.parentId = guild.channelIds.get(c.parent) ?? null;
  }
  const firstText = (fixture.channels ?? []).find((c) => (c.type ?? 0) === 0)?.key;
  const systemKey = fixture.systemChannel ?? firstText;
  guild.systemChannelId = systemKey ? (guild.channelIds.get(systemKey) ?? null) : null;
  return guild;
}

export function permissionSubject(state: EmulatorState, guildId: string, userId: string): PermissionSubject {
  const guild = state.guilds.get(guildId);
  const member = state.members.get(memberKey(guildId, userId));
  if (!guild || !member) throw new Error(`no member ${userId} in guild ${guildId}`);
  const rolePermissions = new Map<string, bigint>();
  for (const role of state.roles.values()) if (role.guildId === guildId) rolePermissions.set(role.id, role.permissions);
  return { guildId, ownerId: guild.ownerId, userId, roleIds: member.roles, rolePermissions };
}

export function guildPermissionsOf(state: EmulatorState, guildId: string, userId: string): bigint {
  return computeBasePermissions(permissionSubject(state, guildId, userId));
}

/** Permissions of a member in a guild channel; threads use their parent's overwrites. */
export function channelPermissionsOf(state: EmulatorState, channelId: string, userId: string): bigint {
  const channel = state.channels.get(channelId);
  if (!channel?.guildId) throw new Error(`${channelId} is not a guild channel`);
  const source = channel.thread && channel.parentId ? (state.channels.get(channel.parentId) ?? channel) : channel;
  return computeChannelPermissions(permissionSubject(state, channel.guildId, userId), source.overwrites);
}

export function storeMessage(state: EmulatorState, message: ApiMessage, guildId: string | null, ephemeral: boolean): StoredMessage {
  const stored: StoredMessage = { message, guildId, ephemeral, deleted: false, history: [structuredClone(message)] };
  state.messages.set(message.id, stored);
  if (!ephemeral) {
    const list = state.channelMessageIds.get(message.channel_id) ?? [];
    list.push(message.id);
    state.channelMessageIds.set(message.channel_id, list);
    const channel = state.channels.get(message.channel_id);
    if (channel) {
      channel.lastMessageId = message.id;
      if (channel.thread) channel.thread.messageCount += 1;
    }
  }
  return stored;
}

export function visibleMessages(state: EmulatorState, channelId: string): ApiMessage[] {
  const out: ApiMessage[] = [];
  for (const id of state.channelMessageIds.get(channelId) ?? []) {
    const stored = state.messages.get(id);
    if (stored && !stored.deleted) out.push(stored.message);
  }
  return out;
}
