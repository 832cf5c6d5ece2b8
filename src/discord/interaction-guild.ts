import type { BaseInteraction } from 'discord.js';
import { UserFacingError } from './user-facing-error';

/** The server an interaction came from (the router already refuses commands outside servers). */
export function guildIdOf(interaction: BaseInteraction): string {
  if (interaction.guildId === null) throw new UserFacingError('Crossover works inside servers; use its commands in a server channel.');
  return interaction.guildId;
}
