import type { ChatInputCommandInteraction, PermissionsBitField } from 'discord.js';
import { PermissionFlagsBits } from 'discord.js';

/** What the bot needs in a channel to post there, and to open discussion threads under its posts. */
const TO_POST: [bigint, string][] = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
  // To find its own post after a lost answer, so that it is never posted twice.
  [PermissionFlagsBits.ReadMessageHistory, 'Read Message History'],
];
const FOR_THREADS: [bigint, string][] = [
  [PermissionFlagsBits.CreatePublicThreads, 'Create Public Threads'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
];

export interface ChannelAccess {
  /** False when the server or channel is not in the client's cache, so nothing could be checked. */
  checked: boolean;
  missing: string[];
  /** The bot may ping roles that are not mentionable (Mention @everyone, @here and All Roles). */
  canMentionAnyRole: boolean;
}

/** The bot's own permissions in a channel of the interaction's server (overwrites applied). */
export function checkBotAccess(interaction: ChatInputCommandInteraction, channelId: string, threads: boolean): ChannelAccess {
  const guild = interaction.guild;
  const me = guild?.members.me;
  const channel = guild?.channels.cache.get(channelId);
  const permissions: PermissionsBitField | null | undefined = me && channel ? channel.permissionsFor(me) : undefined;
  if (!permissions) return { checked: false, missing: [], canMentionAnyRole: false };
  const needed = threads ? [...TO_POST, ...FOR_THREADS] : TO_POST;
  return {
    checked: true,
    missing: needed.filter(([flag]) => !permissions.has(flag)).map(([, label]) => label),
    canMentionAnyRole: permissions.has(PermissionFlagsBits.MentionEveryone),
  };
}
