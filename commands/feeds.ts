import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction } from 'discord.js';
import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command';
import type { CommandContext } from '../src/discord/command-context';
import { renderFeedAdded, renderFeedRemoved } from '../src/discord/embeds/feed-admin-replies';
import { parseFeedListArgs, renderFeedList } from '../src/discord/embeds/feed-list-embed';
import { renderFeedTest } from '../src/discord/embeds/feed-test-embed';
import { feedText } from '../src/discord/embeds/text';
import { choiceName, feedChoices, findFeed } from '../src/discord/feed-choices';
import { guildIdOf } from '../src/discord/interaction-guild';
import { deferPrivately, replyPrivately, updateMessage } from '../src/discord/reply';
import { UserFacingError } from '../src/discord/user-facing-error';
import type { AddServerFeedResult } from '../src/feeds/add-server-feed';
import { addServerFeed } from '../src/feeds/add-server-feed';
import type { FeedUrlProblem } from '../src/feeds/errors';
import { FeedError } from '../src/feeds/errors';
import { MAX_FEED_URL_LENGTH } from '../src/feeds/feed-url';
import { initialFeedState } from '../src/feeds/poll';
import type { FeedInspection } from '../src/feeds/inspect-feed';
import type { FeedSource } from '../src/feeds/types';
import { GuildFeedLimitError, MAX_FEEDS_PER_GUILD } from '../src/feeds/guild-feed-store';

/** How many of a feed's newest items `/feeds test` classifies and shows. */
export const TEST_SAMPLE_SIZE = 5;

const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription("Manage this server's news feeds (Manage Server)")
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Follow a news feed (RSS, Atom or JSON Feed); its current items are not posted')
      .addStringOption((o) => o.setName('url').setDescription('The feed address, https://…').setRequired(true).setMaxLength(MAX_FEED_URL_LENGTH))
      .addStringOption((o) => o.setName('name').setDescription('A name to show for it (default: the feed title)').setMaxLength(100)),
  )
  .addSubcommand((sub) =>
    sub
      .setName('remove')
      .setDescription('Stop following one of the feeds this server added')
      .addStringOption((o) => o.setName('feed').setDescription('The feed (name or URL)').setRequired(true).setAutocomplete(true)),
  )
  .addSubcommand((sub) => sub.setName('list').setDescription("Every feed this server reads, with each one's health"))
  .addSubcommand((sub) =>
    sub
      .setName('test')
      .setDescription('Fetch a feed now and show how its newest items are classified; posts nothing')
      .addStringOption((o) => o.setName('feed').setDescription('The feed (name or URL)').setRequired(true).setAutocomplete(true)),
  )
  .toJSON();

export const feeds: Command = {
  data,
  adminOnly: true,
  async execute(interaction, context) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'add') await addFeed(interaction, context);
    else if (sub === 'remove') await removeFeed(interaction, context);
    else if (sub === 'list') await listFeeds(interaction, context);
    else if (sub === 'test') await testFeed(interaction, context);
    else throw new UserFacingError('Unknown subcommand; see /help.');
  },
  async autocomplete(interaction, context) {
    await interaction.respond(await chooseFeeds(interaction, context));
  },
  async button(interaction, args, context) {
    const page = parseFeedListArgs(args);
    if (page === undefined) throw new UserFacingError('This button has expired; run /feeds list again.');
    await updateMessage(interaction, await feedListPage(interaction, context, page));
  },
};

async function chooseFeeds(interaction: AutocompleteInteraction, context: CommandContext) {
  const own = await context.guildFeeds.list(guildIdOf(interaction));
  const typed = interaction.options.getFocused();
  if (interaction.options.getSubcommand(false) === 'remove') return feedChoices(own, typed);
  const defaults = context.defaultFeeds().map((f) => ({ ...f, label: '(default) ' }));
  return feedChoices([...own, ...defaults.filter((d) => !own.some((f) => f.url === d.url))], typed);
}

async function addFeed(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  const result = await addServerFeed(context, {
    guildId,
    url: interaction.options.getString('url', true),
    name: interaction.options.getString('name') ?? undefined,
    addedBy: interaction.user.id,
    maxFeeds: MAX_FEEDS_PER_GUILD,
    fitName: choiceName,
    beforeFetch: () => deferPrivately(interaction),
  }).catch((error: unknown) => {
    throw addFeedError(error);
  });
  if (!result.added) throw new UserFacingError(refusalText(result));
  const { feed, created, inspection } = result;
  context.log.info({ guild: guildId, feed: feed.url, items: inspection.items.length, created }, 'feed added');
  await replyPrivately(interaction, renderFeedAdded({ feed, created, format: inspection.format, title: inspection.title, itemCount: inspection.items.length, finalUrl: inspection.finalUrl }));
}

const URL_PROBLEMS: Record<FeedUrlProblem, string> = {
  'not-a-url': 'That is not a web address. Give the full feed URL, such as `https://example.com/feed.xml`.',
  scheme: 'Only http:// and https:// feed addresses are supported.',
  credentials: 'Feed addresses with a user name or password are not supported.',
  'no-host': 'That address has no host name.',
  'too-long': `A feed address can be at most ${MAX_FEED_URL_LENGTH} characters long.`,
};

function refusalText(refusal: Extract<AddServerFeedResult, { added: false }>): string {
  if (refusal.refused === 'invalid-url') return URL_PROBLEMS[refusal.problem];
  if (refusal.refused === 'default-feed') return 'That feed is already one of the default feeds every server reads; nothing to add.';
  return `This server already follows ${refusal.max} feeds, the most it can; remove one with /feeds remove first.`;
}

/** What went wrong adding a feed, as the member reads it. */
function addFeedError(error: unknown): unknown {
  if (error instanceof GuildFeedLimitError) return new UserFacingError(`This server follows too many feeds: ${error.message}.`);
  if (error instanceof FeedError) return new UserFacingError(`That feed could not be read: ${feedText(error.message, 400)}`);
  return error;
}

async function removeFeed(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  const value = interaction.options.getString('feed', true);
  const feed = findFeed(await context.guildFeeds.list(guildId), value);
  if (!feed) {
    const isDefault = findFeed(context.defaultFeeds(), value) !== undefined;
    throw new UserFacingError(
      isDefault
        ? "That is one of the default feeds, which the bot's operator chooses; a server can only remove the feeds it added."
        : `This server follows no feed matching "${feedText(value, 100)}". See /feeds list.`,
    );
  }
  await context.guildFeeds.remove(guildId, feed.url);
  context.log.info({ guild: guildId, feed: feed.url }, 'feed removed');
  await replyPrivately(interaction, renderFeedRemoved(feed));
}

async function listFeeds(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  await replyPrivately(interaction, await feedListPage(interaction, context, 0));
}

/** One page of this server's feeds and the defaults; a page past the end (feeds removed since) is the last one. */
async function feedListPage(interaction: ChatInputCommandInteraction | ButtonInteraction, context: CommandContext, page: number) {
  const own = await context.guildFeeds.list(guildIdOf(interaction));
  const defaults = context.defaultFeeds().filter((d) => !own.some((f) => f.url === d.url));
  const states = await context.feedStates.getMany([...own, ...defaults].map((f) => f.url));
  const rows = [...own, ...defaults].map((feed, i) => ({ feed, state: states[i] ?? initialFeedState(feed.url) }));
  return renderFeedList({ serverFeeds: rows.slice(0, own.length), defaultFeeds: rows.slice(own.length), maxServerFeeds: MAX_FEEDS_PER_GUILD, page });
}

async function testFeed(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const value = interaction.options.getString('feed', true);
  const own = await context.guildFeeds.list(guildIdOf(interaction));
  const feed = findFeed([...own, ...context.defaultFeeds()], value);
  if (!feed) throw new UserFacingError(`No feed of this server matches "${feedText(value, 100)}". Pick one from the list, or see /feeds list.`);
  await deferPrivately(interaction);
  const inspection = await inspect(context, feed);
  const samples = inspection.items.slice(0, TEST_SAMPLE_SIZE).map((item) => ({
    item,
    classification: context.classifier.classify({
      id: item.key,
      title: item.title,
      summary: item.summary,
      url: item.link,
      source: item.feedName,
      date: item.published,
    }),
  }));
  await replyPrivately(interaction, renderFeedTest({ feed, format: inspection.format, title: inspection.title, itemCount: inspection.items.length, samples }));
}

/** Fetches and parses once; what went wrong with the feed is the member's to read. */
async function inspect(context: CommandContext, feed: FeedSource): Promise<FeedInspection> {
  try {
    return await context.inspectFeed(feed);
  } catch (error) {
    if (error instanceof FeedError) throw new UserFacingError(`That feed could not be read: ${feedText(error.message, 400)}`);
    throw error;
  }
}
