import type { APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ApplicationCommandOptionType } from 'discord.js';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { joinWithin } from './text';

export interface HelpEntry {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  adminOnly: boolean;
}

const ABOUT = [
  'Crossover follows the business of music streaming. It reads music-industry news feeds, finds the stories about **deals between platforms and media companies** (licensing, bundles, live events, co-productions, acquisitions…), tracks each deal\'s status — rumored, in talks, announced, launched, ended or denied — and posts the news to the channels that asked for it.',
  'Ask about any deal with `/deal status`, e.g. `/deal status deal: netflix spotify`. "Unconfirmed" means the report is hedged ("reportedly") and no party has confirmed it.',
].join('\n\n');

/** `/help`: what Crossover does and every command, with the admin ones apart. */
export function renderHelp(entries: readonly HelpEntry[]): ReplyBody {
  const everyone = entries.filter((e) => !e.adminOnly).flatMap((e) => usageLines(e.data));
  const admins = entries.filter((e) => e.adminOnly).flatMap((e) => usageLines(e.data));
  return {
    embeds: [
      fitEmbed({
        title: 'Crossover — deals in music streaming',
        description: ABOUT,
        color: BRAND_COLOR,
        fields: [
          { name: 'For everyone', value: joinWithin(everyone, LIMITS.fieldValue) || 'none' },
          { name: 'For admins (Manage Server)', value: joinWithin(admins, LIMITS.fieldValue) || 'none' },
          {
            name: 'Getting started (admins)',
            value: '1. `/subscribe channel:` picks where deal news is posted (filters optional).\n2. `/feeds add url:` adds a news feed of your own (optional).\n3. `/feeds test feed:` shows how a feed\'s stories are read, without posting.',
          },
        ],
        footer: { text: '[option] is optional. Replies to admin commands are visible only to you.' },
      }),
    ],
  };
}

/** One line per subcommand: "`/deal status deal:` — description". */
export function usageLines(command: RESTPostAPIChatInputApplicationCommandsJSONBody): string[] {
  const options = command.options ?? [];
  const subs = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (subs.length === 0) return [line(`/${command.name}`, options, command.description)];
  return subs.map((sub) => line(`/${command.name} ${sub.name}`, 'options' in sub ? (sub.options ?? []) : [], sub.description));
}

function line(path: string, options: readonly APIApplicationCommandOption[], description: string): string {
  const shown = options.map((o) => ('required' in o && o.required ? `${o.name}:` : `[${o.name}]`));
  return `\`${[path, ...shown].join(' ')}\` — ${description.replace(/\s*\(Manage Server\)$/, '')}`;
}
