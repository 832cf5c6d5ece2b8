/** Lookups that answer as Discord does when something is missing or the bot may not touch it. */
import type { EmulatorContext } from './context';
import { discordError, ErrorCode } from './discord-error';
import { Permission } from './permissions';
import type { ChannelRecord, GuildRecord } from './state';
import { channelPermissionsOf } from './state';

const DM_PERMISSIONS = Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks | Permission.AttachFiles | Permission.ReadMessageHistory | Permission.AddReactions;

export function requireChannel(ctx: EmulatorContext, channelId: string): ChannelRecord {
  const channel = ctx.state.channels.get(channelId);
  if (!channel) throw discordError(404, ErrorCode.UnknownChannel);
  return channel;
}

export function requireGuild(ctx: EmulatorContext, guildId: string): GuildRecord {
  const guild = ctx.state.guilds.get(guildId);
  if (!guild) throw discordError(404, ErrorCode.UnknownGuild);
  return guild;
}

export function botPermissionsIn(ctx: EmulatorContext, channel: ChannelRecord): bigint {
  if (!channel.guildId) return DM_PERMISSIONS;
  return channelPermissionsOf(ctx.state, channel.id, ctx.state.bot.user.id);
}

/** 403 Missing Access when the bot cannot see the channel, 403 Missing Permissions when it lacks `flags`. */
export function requireBotPermission(ctx: EmulatorContext, channel: ChannelRecord, flags = 0n): bigint {
  const permissions = botPermissionsIn(ctx, channel);
  if (!(permissions & Permission.ViewChannel)) throw discordError(403, ErrorCode.MissingAccess);
  if ((permissions & flags) !== flags) throw discordError(403, ErrorCode.MissingPermissions);
  return permissions;
}

export function sendPermissionFor(channel: ChannelRecord): bigint {
  return channel.thread ? Permission.SendMessagesInThreads : Permission.SendMessages;
}
