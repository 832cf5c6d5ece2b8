/** Changes a test can make to the world mid-run; each is announced over the gateway as Discord would. */
import type { EmulatorContext } from './context';
import { GatewayIntent } from './context';
import { channelPayload } from './payloads';

/** Adds (or widens) a member overwrite that denies the bot `permissions` in a channel. */
export function denyBotInChannel(ctx: EmulatorContext, channelId: string, permissions: bigint): void {
  const channel = ctx.state.channels.get(channelId);
  if (!channel?.guildId) throw new Error(`discord emulator: no guild channel ${channelId}`);
  const botId = ctx.state.bot.user.id;
  const existing = channel.overwrites.find((o) => o.type === 1 && o.id === botId);
  if (existing) {
    existing.deny |= permissions;
    existing.allow &= ~permissions;
  } else {
    channel.overwrites.push({ id: botId, type: 1, allow: 0n, deny: permissions });
  }
  ctx.gateway.dispatch('CHANNEL_UPDATE', channelPayload(ctx.state, channel) as unknown as Record<string, unknown>, { intent: GatewayIntent.Guilds, guildId: channel.guildId });
  ctx.recorder.touch();
}

/** Removes the bot's member overwrite from a channel (an admin fixing its permissions). */
export function restoreBotInChannel(ctx: EmulatorContext, channelId: string): void {
  const channel = ctx.state.channels.get(channelId);
  if (!channel?.guildId) throw new Error(`discord emulator: no guild channel ${channelId}`);
  channel.overwrites = channel.overwrites.filter((o) => !(o.type === 1 && o.id === ctx.state.bot.user.id));
  ctx.gateway.dispatch('CHANNEL_UPDATE', channelPayload(ctx.state, channel) as unknown as Record<string, unknown>, { intent: GatewayIntent.Guilds, guildId: channel.guildId });
  ctx.recorder.touch();
}

/** Deletes a channel: later requests to it get 404 Unknown Channel. */
export function deleteChannel(ctx: EmulatorContext, channelId: string): void {
  const channel = ctx.state.channels.get(channelId);
  if (!channel) throw new Error(`discord emulator: no channel ${channelId}`);
  const payload = channelPayload(ctx.state, channel) as unknown as Record<string, unknown>;
  ctx.state.channels.delete(channelId);
  ctx.gateway.dispatch('CHANNEL_DELETE', payload, { intent: GatewayIntent.Guilds, ...(channel.guildId ? { guildId: channel.guildId } : {}) });
  ctx.recorder.touch();
}
