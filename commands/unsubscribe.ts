import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command';
import { renderUnsubscribed } from '../src/discord/embeds/subscription-embed';
import { guildIdOf } from '../src/discord/interaction-guild';
import { replyPrivately } from '../src/discord/reply';
import { UserFacingError } from '../src/discord/user-facing-error';

const data = new SlashCommandBuilder()
  .setName('unsubscribe')
  .setDescription('Stop posting deal news to a channel (Manage Server)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addChannelOption((o) => o.setName('channel').setDescription('The channel to stop posting to').setRequired(true))
  .toJSON();

export const unsubscribe: Command = {
  data,
  adminOnly: true,
  async execute(interaction, context) {
    const guildId = guildIdOf(interaction);
    const channel = interaction.options.getChannel('channel', true);
    const removed = await context.subscriptions.remove(guildId, channel.id);
    if (!removed) throw new UserFacingError(`<#${channel.id}> is not subscribed, so there is nothing to stop. See /subscriptions.`);
    context.log.info({ guild: guildId, channel: channel.id }, 'unsubscribed');
    await replyPrivately(interaction, renderUnsubscribed(channel.id));
  },
};
