import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command';
import { renderHelp } from '../src/discord/embeds/help-embed';
import { replyPrivately } from '../src/discord/reply';

const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What Crossover does and how to use it')
  .setContexts(InteractionContextType.Guild)
  .toJSON();

/** `/help` describes the very list it is part of, so the list is handed in (no import cycle). */
export function createHelpCommand(listCommands: () => readonly Command[]): Command {
  return {
    data,
    adminOnly: false,
    async execute(interaction) {
      await replyPrivately(interaction, renderHelp(listCommands()));
    },
  };
}
