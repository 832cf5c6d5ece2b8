import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command';
import { renderSubscriptionList } from '../src/discord/embeds/subscription-embed';
import { guildIdOf } from '../src/discord/interaction-guild';
import { replyPrivately } from '../src/discord/reply';
import { MAX_SUBSCRIPTIONS_PER_GUILD } from '../src/posts/subscription-store';

const data = new SlashCommandBuilder()
  .setName('subscriptions')
  .setDescription("List this server's subscribed channels, their filters and any pause (Manage Server)")
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .toJSON();

export const subscriptions: Command = {
  data,
  adminOnly: true,
  async execute(interaction, context) {
    const list = await context.subscriptions.list(guildIdOf(interaction));
    await replyPrivately(interaction, renderSubscriptionList(list, MAX_SUBSCRIPTIONS_PER_GUILD));
  },
};
