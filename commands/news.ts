import type { ChatInputCommandInteraction } from 'discord.js';
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command';
import type { CommandContext } from '../src/discord/command-context';
import { renderStoryList } from '../src/discord/embeds/news-list-embed';
import { feedText } from '../src/discord/embeds/text';
import { guildIdOf } from '../src/discord/interaction-guild';
import { replyPrivately, replyPublicly } from '../src/discord/reply';
import { UserFacingError } from '../src/discord/user-facing-error';

export const DEFAULT_COUNT = 5;
export const MAX_COUNT = 10;
const SEARCH_RESULTS = 10;

const data = new SlashCommandBuilder()
  .setName('news')
  .setDescription('The latest deal stories, or stories matching your words')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('latest')
      .setDescription('The latest deal stories, newest first')
      .addStringOption((o) => o.setName('party').setDescription('Only stories with this party, e.g. Spotify').setMaxLength(100))
      .addIntegerOption((o) => o.setName('count').setDescription(`How many (1 to ${MAX_COUNT}, default ${DEFAULT_COUNT})`).setMinValue(1).setMaxValue(MAX_COUNT)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('search')
      .setDescription('Stories matching words, parties or kinds')
      .addStringOption((o) => o.setName('query').setDescription('e.g. "tiktok licensing", "award shows"').setRequired(true).setMinLength(2).setMaxLength(100)),
  )
  .toJSON();

export const news: Command = {
  data,
  adminOnly: false,
  async execute(interaction, context) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'latest') await latest(interaction, context);
    else if (sub === 'search') await search(interaction, context);
    else throw new UserFacingError('Unknown subcommand; see /help.');
  },
};

async function latest(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const count = interaction.options.getInteger('count') ?? DEFAULT_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new UserFacingError(`\`count\` is a whole number from 1 to ${MAX_COUNT}.`);
  const party = interaction.options.getString('party')?.replace(/\s+/g, ' ').trim() || undefined;
  const scope = await context.scopeFor(guildIdOf(interaction));
  const stories = await context.deals.latestStories(scope, { party, limit: count });
  if (stories.length === 0) {
    const empty = party ? `No deal stories with "${feedText(party, 100)}" yet. Check the spelling, or try /deal list.` : 'No deal stories yet: they appear as the feeds report deals.';
    await replyPrivately(interaction, renderStoryList('Latest deal stories', [], empty));
    return;
  }
  await replyPublicly(interaction, renderStoryList(party ? `Latest deal stories with ${party}` : 'Latest deal stories', stories, ''));
}

async function search(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const query = interaction.options.getString('query', true).replace(/\s+/g, ' ').trim();
  if (query.length < 2) throw new UserFacingError('Search for at least two characters: words, a party or a kind.');
  const scope = await context.scopeFor(guildIdOf(interaction));
  const stories = await context.deals.searchStories(scope, query, SEARCH_RESULTS);
  if (stories.length === 0) {
    await replyPrivately(interaction, renderStoryList(`Stories matching "${query}"`, [], 'No deal story matches. Try fewer words, a party ("spotify") or a kind ("licensing").'));
    return;
  }
  await replyPublicly(interaction, renderStoryList(`Stories matching "${query}"`, stories, ''));
}
