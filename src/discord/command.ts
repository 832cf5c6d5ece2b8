import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandContext } from './command-context';

/**
 * One slash command: its definition (`data`, what deploy registers) and its handlers. The file name
 * under commands/ is the command name. Handlers get a small context, never the Client or the store.
 */
export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Only members with Manage Server may run it (checked at run time too, not only by Discord). */
  adminOnly: boolean;
  execute(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: CommandContext): Promise<void>;
  /** Buttons whose custom id starts with `<command name>:`; `args` are the rest, split on ':'. */
  button?(interaction: ButtonInteraction, args: string[], context: CommandContext): Promise<void>;
}
