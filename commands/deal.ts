import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { DealView } from '../src/deals/stories';
import type { Scope } from '../src/deals/tracking-types';
import { STATUSES } from '../src/deals/types';
import type { DealStatus } from '../src/deals/types';
import type { Command } from '../src/discord/command';
import type { CommandContext } from '../src/discord/command-context';
import { writeTakeawaysFor } from '../src/discord/deal-takeaway-sources';
import type { DealListFilters } from '../src/discord/embeds/deal-list-embed';
import { CUSTOM_ID_MAX, DEAL_PAGE_SIZE, dealListCustomId, pageCount, parseDealListArgs, renderDealList } from '../src/discord/embeds/deal-list-embed';
import { renderDealStatus } from '../src/discord/embeds/deal-status-embed';
import { STATUS_WORDS } from '../src/deals/vocabulary';
import { renderTakeaways } from '../src/discord/embeds/takeaways-embed';
import { feedText } from '../src/discord/embeds/text';
import { renderTimeline } from '../src/discord/embeds/timeline-embed';
import { choiceName } from '../src/discord/feed-choices';
import { guildIdOf } from '../src/discord/interaction-guild';
import { replyPublicly, updateMessage } from '../src/discord/reply';
import { UserFacingError } from '../src/discord/user-facing-error';

const DEAL_TEXT_MAX = 100;
const PARTY_TEXT_MAX = 40;

const data = new SlashCommandBuilder()
  .setName('deal')
  .setDescription('Deals between music platforms and media companies, as the news reports them')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((sub) =>
    sub
      .setName('status')
      .setDescription("A deal's current status, since when, its sources and what to watch for next")
      .addStringOption((o) => dealOption(o)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('list')
      .setDescription('Tracked deals, newest activity first')
      .addStringOption((o) =>
        o
          .setName('status')
          .setDescription('Only deals at this status')
          .addChoices(...STATUSES.map((s) => ({ name: STATUS_WORDS[s].label, value: s }))),
      )
      .addStringOption((o) => o.setName('party').setDescription('Only deals with this party, e.g. Spotify').setMaxLength(PARTY_TEXT_MAX)),
  )
  .addSubcommand((sub) =>
    sub.setName('timeline').setDescription("Every change of a deal's status, with dates and sources").addStringOption((o) => dealOption(o)),
  )
  .addSubcommand((sub) =>
    sub.setName('takeaways').setDescription('What a deal means for artists; points drawn from an article cite it').addStringOption((o) => dealOption(o)),
  )
  .toJSON();

function dealOption(o: SlashCommandStringOption): SlashCommandStringOption {
  return o.setName('deal').setDescription('The deal: pick one, or type its parties ("netflix spotify")').setRequired(true).setAutocomplete(true).setMaxLength(DEAL_TEXT_MAX);
}

export const deal: Command = {
  data,
  adminOnly: false,
  async execute(interaction, context) {
    const scope = await context.scopeFor(guildIdOf(interaction));
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'list') {
      await listDeals(interaction, context, scope);
      return;
    }
    const view = await findDeal(context, scope, interaction.options.getString('deal', true));
    if (sub === 'status') await replyPublicly(interaction, renderDealStatus(view));
    else if (sub === 'timeline') await showTimeline(interaction, context, scope, view);
    else if (sub === 'takeaways') await replyPublicly(interaction, renderTakeaways(view, await writeTakeawaysFor(context.deals, scope, view)));
    else throw new UserFacingError('Unknown subcommand; see /help.');
  },
  async autocomplete(interaction, context) {
    await interaction.respond(await chooseDeals(interaction, context));
  },
  async button(interaction, args, context) {
    await turnPage(interaction, args, context);
  },
};

async function findDeal(context: CommandContext, scope: Scope, text: string): Promise<DealView> {
  const wanted = text.trim();
  const view = wanted === '' ? undefined : await context.deals.resolveDeal(scope, wanted);
  if (!view) throw new UserFacingError(`No tracked deal matches "${feedText(wanted, DEAL_TEXT_MAX)}"; try /deal list to see the deals this server knows.`);
  return view;
}

async function showTimeline(interaction: ChatInputCommandInteraction, context: CommandContext, scope: Scope, view: DealView): Promise<void> {
  const timeline = await context.deals.getTimeline(scope, view.id);
  if (!timeline) throw new UserFacingError(`No timeline for ${feedText(view.label, 100)} yet; try /deal list.`);
  await replyPublicly(interaction, renderTimeline(timeline));
}

async function chooseDeals(interaction: AutocompleteInteraction, context: CommandContext) {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'deal') return [];
  const scope = await context.scopeFor(guildIdOf(interaction));
  const choices = await context.deals.autocompleteDeals(scope, String(focused.value).slice(0, DEAL_TEXT_MAX));
  return choices.filter((c) => c.value.length >= 1 && c.value.length <= 100).slice(0, 25).map((c) => ({ name: choiceName(c.name), value: c.value }));
}

async function listDeals(interaction: ChatInputCommandInteraction, context: CommandContext, scope: Scope): Promise<void> {
  const filters = readFilters(interaction.options.getString('status'), interaction.options.getString('party'));
  if (dealListCustomId(999_999, filters).length > CUSTOM_ID_MAX) throw new UserFacingError('That party name is too long to page through; use a shorter one.');
  await replyPublicly(interaction, renderDealList(await queryPage(context, scope, 0, filters)));
}

async function turnPage(interaction: ButtonInteraction, args: string[], context: CommandContext): Promise<void> {
  const parsed = parseDealListArgs(args);
  if (!parsed) throw new UserFacingError('This button has expired; run /deal list again.');
  const filters = readFilters(parsed.status ?? null, parsed.party ?? null);
  const scope = await context.scopeFor(guildIdOf(interaction));
  await updateMessage(interaction, renderDealList(await queryPage(context, scope, parsed.page, filters)));
}

/** One page; a page past the end (deals changed since the list was shown) becomes the last page. */
async function queryPage(context: CommandContext, scope: Scope, page: number, filters: DealListFilters) {
  const ask = (p: number) => context.deals.listDeals(scope, { ...filters, limit: DEAL_PAGE_SIZE, offset: p * DEAL_PAGE_SIZE });
  let result = await ask(page);
  let shown = page;
  if (result.deals.length === 0 && result.total > 0) {
    shown = pageCount(result.total) - 1;
    result = await ask(shown);
  }
  return { deals: result.deals, total: result.total, page: shown, filters };
}

function readFilters(status: string | null, party: string | null): DealListFilters {
  if (status !== null && !(STATUSES as readonly string[]).includes(status)) {
    throw new UserFacingError(`"${feedText(status, 40)}" is not a status. Use one of: ${STATUSES.join(', ')}.`);
  }
  const name = party?.replace(/\s+/g, ' ').trim();
  if (name !== undefined && name.length > PARTY_TEXT_MAX) throw new UserFacingError(`A party name can be at most ${PARTY_TEXT_MAX} characters long here.`);
  return { status: (status ?? undefined) as DealStatus | undefined, party: name || undefined };
}
