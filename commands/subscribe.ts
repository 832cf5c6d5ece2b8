import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { canonicalPartyName, partyChoices } from '../src/deals/parties';
import { checkBotAccess } from '../src/discord/channel-access';
import type { Command } from '../src/discord/command';
import type { CommandContext } from '../src/discord/command-context';
import { renderSkippedPosts, renderSubscribed } from '../src/discord/embeds/subscription-embed';
import { feedText } from '../src/discord/embeds/text';
import { guildIdOf } from '../src/discord/interaction-guild';
import { parseKinds, parsePartyList, parseStatuses } from '../src/discord/parse-list-option';
import { followUpPrivately, replyPrivately } from '../src/discord/reply';
import { UserFacingError } from '../src/discord/user-facing-error';
import { checkSubscriptionParties, saveSubscription } from '../src/posts/subscribe-channel';
import type { Subscription } from '../src/posts/subscription-store';
import { SubscriptionLimitError } from '../src/posts/subscription-store';

/** Text and announcement channels: where a bot can post embeds and open threads. */
export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

const data = new SlashCommandBuilder()
  .setName('subscribe')
  .setDescription('Post deal news to a channel, with optional filters (Manage Server)')
  .setContexts(InteractionContextType.Guild)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addChannelOption((o) =>
    o.setName('channel').setDescription('Where to post').setRequired(true).addChannelTypes(...POSTABLE_CHANNEL_TYPES),
  )
  .addStringOption((o) =>
    o.setName('parties').setDescription('Only deals with these parties, comma-separated: "Netflix, Spotify"').setMaxLength(500).setAutocomplete(true),
  )
  .addStringOption((o) =>
    o.setName('kinds').setDescription('Only these kinds, comma-separated: licensing, live_events, bundling…').setMaxLength(500),
  )
  .addStringOption((o) =>
    o.setName('statuses').setDescription('Only these statuses, comma-separated: rumored, in_talks, announced…').setMaxLength(300),
  )
  .addNumberOption((o) =>
    o.setName('min_confidence').setDescription('Skip stories the classifier is less sure of (0 to 1, e.g. 0.6)').setMinValue(0).setMaxValue(1),
  )
  .addRoleOption((o) => o.setName('mention').setDescription('A role to mention in each post'))
  .addBooleanOption((o) => o.setName('threads').setDescription('Open a discussion thread under each post'))
  .toJSON();

export const subscribe: Command = {
  data,
  adminOnly: true,
  async execute(interaction, context) {
    await subscribeToChannel(interaction, context);
  },
  async autocomplete(interaction) {
    await interaction.respond(chooseParties(interaction));
  },
};

/** The `parties` option is a list: choices complete its last name and keep the ones before it. */
function chooseParties(interaction: AutocompleteInteraction): { name: string; value: string }[] {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'parties') return [];
  const parts = String(focused.value).split(',');
  const typed = parts.pop() ?? '';
  const before = parts.map((p) => p.trim()).filter((p) => p !== '');
  return partyChoices(typed)
    .map((party) => [...before, party].join(', '))
    .filter((value) => value.length <= 100)
    .map((value) => ({ name: value, value }));
}

/** The notes and refusal for a subscription's parties (checkSubscriptionParties), as the admin reads them. */
async function checkParties(parties: string[], guildId: string, context: CommandContext): Promise<string[]> {
  const check = await checkSubscriptionParties(context, guildId, parties);
  if (!check.ok) {
    const { party, likely } = check;
    const fixed = parties.map((p) => (p === party ? likely : p)).join(', ');
    throw new UserFacingError(`I don't know a party called "${feedText(party, 60)}". Did you mean **${likely}**? Run /subscribe again with \`parties: ${feedText(fixed, 300)}\`.`);
  }
  return check.unknownParties.map(
    (party) =>
      `"${feedText(party, 60)}" is not a company Crossover knows or has seen in a deal yet, so this channel gets deals with it only once the news names it exactly that way. Check the spelling (the option suggests the names it knows).`,
  );
}

async function subscribeToChannel(interaction: ChatInputCommandInteraction, context: CommandContext): Promise<void> {
  const guildId = guildIdOf(interaction);
  const channel = interaction.options.getChannel('channel', true);
  if (!(POSTABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    throw new UserFacingError('Pick a text or announcement channel: that is where Crossover can post.');
  }
  const minConfidence = interaction.options.getNumber('min_confidence') ?? 0;
  if (!Number.isFinite(minConfidence) || minConfidence < 0 || minConfidence > 1) {
    throw new UserFacingError('`min_confidence` is a number from 0 to 1, such as 0.6.');
  }
  const role = interaction.options.getRole('mention');
  if (role && role.id === guildId) throw new UserFacingError('Crossover never mentions @everyone; pick a role for `mention`.');
  const threads = interaction.options.getBoolean('threads') ?? false;

  const access = checkBotAccess(interaction, channel.id, threads);
  if (access.missing.length > 0) {
    throw new UserFacingError(
      `I can't post in <#${channel.id}>: I'm missing ${access.missing.join(', ')} there. Give Crossover those permissions in the channel's settings, then run /subscribe again.`,
    );
  }
  const notes: string[] = [];
  if (!access.checked) notes.push("I couldn't check my permissions in that channel; if posts don't appear, check that I can view it, send messages and embed links.");
  if (role && !role.mentionable && !access.canMentionAnyRole) {
    notes.push(`<@&${role.id}> is not mentionable and I lack "Mention @everyone, @here and All Roles", so posts will show the role without pinging it.`);
  }

  const parties = parsePartyList(interaction.options.getString('parties'), canonicalPartyName);
  notes.push(...(await checkParties(parties, guildId, context)));
  const subscription: Subscription = {
    guildId,
    channelId: channel.id,
    parties,
    kinds: parseKinds(interaction.options.getString('kinds')),
    statuses: parseStatuses(interaction.options.getString('statuses')),
    minConfidence,
    mentionRoleId: role?.id,
    threads,
    createdAt: context.now().toISOString(),
    createdBy: interaction.user.id,
  };
  const { created, resumed } = await saveSubscription(context, subscription).catch((error: unknown) => {
    throw error instanceof SubscriptionLimitError ? new UserFacingError(`Too many subscribed channels: ${error.message}.`) : error;
  });
  context.log.info({ guild: guildId, channel: channel.id, created, resumed: resumed?.delivering, skipped: resumed?.skipped.count }, 'subscribed');
  await replyPrivately(interaction, renderSubscribed(subscription, created, notes, resumed));
  for (const list of resumed ? renderSkippedPosts(resumed.skipped) : []) await followUpPrivately(interaction, list);
}
