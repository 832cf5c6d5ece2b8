import type { ButtonInteraction, ChatInputCommandInteraction, MessageMentionOptions } from 'discord.js';
import { MessageFlags } from 'discord.js';
import type { ReplyBody } from './embeds/reply-body';

/** No reply of Crossover ever pings anyone: feed text is shown, never obeyed. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [] };

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** Answers for the asker only (errors, admin views), whether or not the command deferred. */
export async function replyPrivately(interaction: Answerable, body: ReplyBody): Promise<void> {
  await answer(interaction, body, true);
}

/** Answers in the channel, for everyone to read (deal answers members may want to share). */
export async function replyPublicly(interaction: Answerable, body: ReplyBody): Promise<void> {
  await answer(interaction, body, false);
}

/** One more message for the asker only, after the reply (a list too long for one message). */
export async function followUpPrivately(interaction: ChatInputCommandInteraction, body: ReplyBody): Promise<void> {
  await interaction.followUp({ content: body.content, embeds: body.embeds, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral });
}

/** Defers before anything slow (fetching a feed): Discord wants an answer within 3 seconds. */
export async function deferPrivately(interaction: ChatInputCommandInteraction): Promise<void> {
  // The router may have deferred already (while the deal index loads after a start).
  if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}

async function answer(interaction: Answerable, body: ReplyBody, ephemeral: boolean): Promise<void> {
  const message = { content: body.content, embeds: body.embeds, components: body.components ?? [], allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply(message);
    return;
  }
  await interaction.reply(ephemeral ? { ...message, flags: MessageFlags.Ephemeral } : message);
}

/** Answers a button by editing the message it is on (paging). */
export async function updateMessage(interaction: ButtonInteraction, body: ReplyBody): Promise<void> {
  await interaction.update({ content: body.content, embeds: body.embeds, components: body.components ?? [], allowedMentions: NO_MENTIONS });
}
