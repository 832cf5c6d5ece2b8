/** Turns state records into the JSON objects Discord sends (REST responses and gateway events). */
import type { ApiChannel, ApiMember, ApiRole, ApiUser, JsonObject } from './api-types';
import type { ChannelRecord, EmulatorState, GuildRecord, RoleRecord } from './state';
import { memberKey } from './state';

export function userPayload(state: EmulatorState, userId: string): ApiUser {
  const user = state.users.get(userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  return { ...user };
}

export function rolePayload(role: RoleRecord): ApiRole {
  return {
    id: role.id, name: role.name, color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, position: role.position, permissions: role.permissions.toString(),
    managed: role.managed, mentionable: role.mentionable, flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

export function channelPayload(state: EmulatorState, channel: ChannelRecord): ApiChannel {
  if (channel.recipientId !== undefined) {
    return { id: channel.id, type: 1, last_message_id: channel.lastMessageId, flags: 0, recipients: [userPayload(state, channel.recipientId)] };
  }
  const base: ApiChannel = {
    id: channel.id, type: channel.type, name: channel.name, last_message_id: channel.lastMessageId,
    parent_id: channel.parentId, rate_limit_per_user: 0, flags: 0,
    ...(channel.guildId ? { guild_id: channel.guildId } : {}),
  };
  if (channel.thread) {
    const t = channel.thread;
    return {
      ...base, owner_id: t.ownerId, message_count: t.messageCount, member_count: 1, total_message_sent: t.messageCount,
      thread_metadata: { archived: t.archived, auto_archive_duration: t.autoArchiveDuration, archive_timestamp: t.createdAt, locked: t.locked, create_timestamp: t.createdAt },
    };
  }
  return {
    ...base, position: channel.position, topic: channel.topic, nsfw: false,
    permission_overwrites: channel.overwrites.map((o) => ({ id: o.id, type: o.type, allow: o.allow.toString(), deny: o.deny.toString() })),
  };
}

export function memberPayload(state: EmulatorState, guildId: string, userId: string, withUser = true): ApiMember {
  const member = state.members.get(memberKey(guildId, userId));
  if (!member) throw new Error(`no member ${userId} in guild ${guildId}`);
  return {
    ...(withUser ? { user: userPayload(state, userId) } : {}),
    nick: member.nick, avatar: null, banner: null, roles: [...member.roles], joined_at: member.joinedAt, premium_since: null,
    deaf: false, mute: false, flags: 0, pending: false, communication_disabled_until: null,
  };
}

export function guildRoles(state: EmulatorState, guildId: string): RoleRecord[] {
  return [...state.roles.values()].filter((r) => r.guildId === guildId).sort((a, b) => a.position - b.position);
}

export function guildChannels(state: EmulatorState, guildId: string): ChannelRecord[] {
  return [...state.channels.values()].filter((c) => c.guildId === guildId);
}

export function guildPayload(state: EmulatorState, guild: GuildRecord): JsonObject {
  return {
    id: guild.id, name: guild.name, icon: null, splash: null, discovery_splash: null, owner_id: guild.ownerId,
    afk_channel_id: null, afk_timeout: 300, verification_level: 1, default_message_notifications: 1,
    explicit_content_filter: 2, roles: guildRoles(state, guild.id).map(rolePayload), emojis: [], features: [],
    mfa_level: 0, application_id: null, system_channel_id: guild.systemChannelId, system_channel_flags: 0,
    rules_channel_id: null, max_members: 500000, vanity_url_code: null, description: null, banner: null,
    premium_tier: 0, premium_subscription_count: 0, preferred_locale: guild.locale, public_updates_channel_id: null,
    nsfw_level: 0, stickers: [], premium_progress_bar_enabled: false, safety_alerts_channel_id: null,
  };
}

/** GUILD_CREATE data. Without the GUILD_PRESENCES intent Discord sends only the bot's own member. */
export function guildCreatePayload(state: EmulatorState, guild: GuildRecord, allMembers: boolean): JsonObject {
  const memberIds = [...state.members.values()].filter((m) => m.guildId === guild.id).map((m) => m.userId);
  const sent = allMembers ? memberIds : memberIds.filter((id) => id === state.bot.user.id);
  const channels = guildChannels(state, guild.id);
  return {
    ...guildPayload(state, guild),
    joined_at: guild.joinedAt, large: false, unavailable: false, member_count: memberIds.length,
    voice_states: [], members: sent.map((id) => memberPayload(state, guild.id, id)),
    channels: channels.filter((c) => !c.thread).map((c) => channelPayload(state, c)),
    threads: channels.filter((c) => c.thread && !c.thread.archived).map((c) => channelPayload(state, c)),
    presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
  };
}
