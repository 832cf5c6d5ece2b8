import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  RepliableInteraction,
} from 'discord.js';
import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { Logger } from '../logger';
import type { Command } from './command';
import type { CommandContext } from './command-context';
import { UserFacingError } from './user-facing-error';

export const GENERIC_ERROR = 'Something went wrong on our side. It has been logged; please try again in a moment.';
export const NEEDS_MANAGE_SERVER = 'You need the **Manage Server** permission to use this command.';
export const GUILD_ONLY = 'Crossover works inside servers; use its commands in a server channel.';

export const STARTING_UP = 'Crossover is starting up; try again in a few seconds.';

export interface RouterOptions {
  /**
   * True while answers may be slow (the deal index is still loading after a start): commands are
   * deferred (privately) before they run, autocomplete offers nothing, buttons ask to try again.
   */
  warmingUp?: () => boolean;
  /** Told how long each slash command took, from its arrival to the end of its handling (metrics). */
  onAnswered?: (command: string, seconds: number, outcome: 'ok' | 'user_error' | 'error') => void;
}

/** Routes interactions to commands, with the one error boundary of the bot. */
export function createInteractionRouter(commands: Command[], context: CommandContext, log: Logger, options: RouterOptions = {}) {
  const warmingUp = options.warmingUp ?? (() => false);
  const byName = new Map(commands.map((command) => [command.data.name, command]));

  async function onChatInput(interaction: ChatInputCommandInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    if (!command) throw new UserFacingError('This command is no longer available.');
    if (!interaction.inGuild()) throw new UserFacingError(GUILD_ONLY);
    if (command.adminOnly && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserFacingError(NEEDS_MANAGE_SERVER);
    }
    if (warmingUp()) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await command.execute(interaction, context);
  }

  async function onAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = byName.get(interaction.commandName);
    const allowed = !command?.adminOnly || interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild);
    if (!command?.autocomplete || !allowed || !interaction.inGuild() || warmingUp()) {
      await interaction.respond([]);
      return;
    }
    await command.autocomplete(interaction, context);
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const [name, ...args] = interaction.customId.split(':');
    const command = name ? byName.get(name) : undefined;
    if (!command?.button) throw new UserFacingError('This button has expired; run the command again.');
    if (warmingUp()) throw new UserFacingError(STARTING_UP);
    if (command.adminOnly && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
      throw new UserFacingError(NEEDS_MANAGE_SERVER);
    }
    await command.button(interaction, args, context);
  }

  return async function routeInteraction(interaction: Interaction): Promise<void> {
    const fields = { interaction: interaction.id, guild: interaction.guildId, user: interaction.user.id };
    const started = performance.now();
    const answered = (outcome: 'ok' | 'user_error' | 'error') => {
      if (interaction.isChatInputCommand()) options.onAnswered?.(interaction.commandName, (performance.now() - started) / 1000, outcome);
    };
    try {
      if (interaction.isChatInputCommand()) await onChatInput(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      answered('ok');
    } catch (error) {
      if (interaction.isAutocomplete()) {
        log.error({ ...fields, err: error, command: interaction.commandName }, 'autocomplete failed');
        if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
        return;
      }
      if (!(error instanceof UserFacingError)) {
        const command = interaction.isCommand() ? interaction.commandName : interaction.isButton() ? interaction.customId : undefined;
        log.error({ ...fields, err: error, command }, 'interaction failed');
      }
      if (interaction.isRepliable()) {
        await replyWithError(interaction, error instanceof UserFacingError ? error.message : GENERIC_ERROR).catch(
          (replyError: unknown) => log.warn({ ...fields, err: replyError }, 'could not tell the member about an error'),
        );
      }
      answered(error instanceof UserFacingError ? 'user_error' : 'error');
    }
  };
}

/** An ephemeral error, whatever state the interaction is in (fresh, deferred or already answered). */
async function replyWithError(interaction: RepliableInteraction, message: string): Promise<void> {
  const body = { content: `⚠️ ${message}`, allowedMentions: { parse: [] as never[] } };
  if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
  else if (interaction.replied) await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}
