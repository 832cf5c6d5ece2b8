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
import { FeedError } from '../src/feeds/errors';
import { initialFeedState } from '../src/feeds/poll';
import type { FeedInspection } from '../src/feeds/inspect-feed';
import type { FeedSource } from '../src/feeds/types';
import { GuildFeedLimitError, MAX_FEEDS_PER_GUILD } from '../src/store/guild-feed-store';

/** How many of a feed's newest items `/feeds test` classifies and shows. */
export const TEST_SAMPLE_SIZE = 5;
const MAX_URL_LENGTH = 2000;

const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription("Manage this server's news feeds (Manage Server)")
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((sub) =>
    sub
      .setName('add')
      .setDescription('Follow a news feed (RSS, Atom or JSON Feed); its current items are not posted')
      .addStringOption((o) => o.setName('url').setDescription('The feed address, https://…').setRequired(true).setMaxLength(MAX_URL_LENGTH))
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
  const url = parseFeedUrl(interaction.options.getString('url', true));
  const givenName = interaction.options.getString('name')?.replace(/\s+/g, ' ').trim();
  if (context.defaultFeeds().some((f) => f.url === url)) {
    throw new UserFacingError('That feed is already one of the default feeds every server reads; nothing to add.');
  }
  const own = await context.guildFeeds.list(guildId);
  if (!own.some((f) => f.url === url) && own.length >= MAX_FEEDS_PER_GUILD) {
    throw new UserFacingError(`This server already follows ${MAX_FEEDS_PER_GUILD} feeds, the most it can; remove one with /feeds remove first.`);
  }
  await deferPrivately(interaction);
  const inspection = await inspect(context, { url, name: givenName || url });
  // Adding a feed again without a name keeps the name this server gave it.
  const existing = own.find((f) => f.url === url);
  const name = choiceName(givenName || existing?.name || inspection.title || new URL(url).host);
  const feed: FeedSource = { url, name };
  // Seed first: by the time the poller sees the feed, its back catalogue is already taken (as backlog).
  await context.seedFeed(url, inspection.items);
  let created: boolean;
  try {
    created = await context.guildFeeds.add(guildId, { ...feed, addedAt: context.now().toISOString(), addedBy: interaction.user.id });
  } catch (error) {
    if (error instanceof GuildFeedLimitError) throw new UserFacingError(`This server follows too many feeds: ${error.message}.`);
    throw error;
  }
  context.log.info({ guild: guildId, feed: url, items: inspection.items.length, created }, 'feed added');
  await replyPrivately(interaction, renderFeedAdded({ feed, created, format: inspection.format, title: inspection.title, itemCount: inspection.items.length, finalUrl: inspection.finalUrl }));
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

/** A syntactically valid http(s) URL with a host, before anything is fetched. */
export function parseFeedUrl(raw: string): string {
  const text = raw.trim().replace(/^<(.*)>$/, '$1');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserFacingError('That is not a web address. Give the full feed URL, such as `https://example.com/feed.xml`.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserFacingError('Only http:// and https:// feed addresses are supported.');
  if (url.username || url.password) throw new UserFacingError('Feed addresses with a user name or password are not supported.');
  if (!url.hostname) throw new UserFacingError('That address has no host name.');
  url.hash = '';
  if (url.href.length > MAX_URL_LENGTH) throw new UserFacingError(`A feed address can be at most ${MAX_URL_LENGTH} characters long.`);
  return url.href;
}
