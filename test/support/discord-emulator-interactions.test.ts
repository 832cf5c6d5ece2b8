/** The emulator's interactions (replies, deferrals, follow-ups, components, autocomplete), driven by the real discord.js client. */
import type { ChatInputCommandInteraction , DiscordAPIError} from 'discord.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, MessageFlags, PermissionFlagsBits, Routes, StringSelectMenuBuilder } from 'discord.js';
import { closeBots, dealCommand, onInteraction, startBot, textChannel } from './emulator-bot';

afterEach(closeBots);

describe('interactions', () => {
  test('a slash command arrives as a ChatInputCommandInteraction and an ephemeral reply reaches the emulator', async () => {
    const { client, emulator } = await startBot();
    const a = emulator.guild('A');
    await client.rest.put(Routes.applicationGuildCommands(emulator.applicationId, a.id), { body: [dealCommand] });
    const seen: ChatInputCommandInteraction[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push(interaction);
      if (interaction.options.getSubcommand() === 'list') return interaction.reply({ content: 'list', flags: MessageFlags.Ephemeral });
      return interaction.reply({ content: `status of ${interaction.options.getString('deal', true)} x${interaction.options.getInteger('count') ?? 0}`, flags: MessageFlags.Ephemeral });
    });
    const handle = emulator.sendSlashCommand({ guildId: a.id, channelId: a.channel('news').id, userId: a.member('member').id, name: 'deal', subcommand: 'status', options: { deal: 'netflix spotify', count: 3 } });
    const response = await handle.response();
    expect(response.type).toBe(4);
    expect(response.data?.content).toBe('status of netflix spotify x3');
    expect(response.data?.flags).toBe(MessageFlags.Ephemeral);
    const interaction = seen[0];
    expect(interaction?.commandName).toBe('deal');
    expect(interaction?.options.getSubcommand()).toBe('status');
    expect(interaction?.commandId).toBe(emulator.commands(a.id)[0]?.id);
    expect(interaction?.memberPermissions?.has('ManageGuild')).toBe(false);
    expect(interaction?.appPermissions.has('SendMessages')).toBe(true);
    expect(interaction?.channelId).toBe(a.channel('news').id);
    expect((await handle.reply()).content).toBe('status of netflix spotify x3');
    await emulator.sendSlashCommand({ guildId: a.id, name: 'deal', subcommand: 'list', options: { channel: a.channel('general').id } }).response();
    expect(seen[1]?.options.getChannel('channel')?.id).toBe(a.channel('general').id);
    expect(() => emulator.sendSlashCommand({ guildId: a.id, name: 'deal', subcommand: 'status', options: { deal: 'x', count: 11 } })).toThrow(/at most 10/);
    expect(() => emulator.sendSlashCommand({ guildId: a.id, name: 'deal', subcommand: 'status', options: {} })).toThrow(/missing required option/);
    // Ephemeral replies are not part of the channel's history.
    expect(emulator.messages(a.channel('news').id)).toHaveLength(0);
    expect(handle.record.callback?.latencyMs).toBeGreaterThanOrEqual(0);
    emulator.assertNoViolations();
  });

  test('the admin member carries Manage Server in the interaction, through a role', async () => {
    const { client, emulator } = await startBot();
    const a = emulator.guild('A');
    const permissions: boolean[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      permissions.push(interaction.memberPermissions?.has('ManageGuild') ?? false);
      await interaction.reply({ content: 'ok' });
    });
    await client.application?.commands.set([{ name: 'feeds', description: 'Manage feeds', defaultMemberPermissions: PermissionFlagsBits.ManageGuild }], a.id);
    const byAdmin = emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'feeds', options: {} });
    const byMember = emulator.sendSlashCommand({ guildId: a.id, userId: a.member('member').id, name: 'feeds', options: {} });
    await byAdmin.response();
    await byMember.response();
    expect(permissions).toEqual([true, false]);
    expect([byAdmin.hiddenByDefault, byMember.hiddenByDefault]).toEqual([false, true]);
  });

  test('deferReply then editReply goes through the %40original webhook path', async () => {
    const { client, emulator } = await startBot();
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await interaction.editReply({ content: 'done', embeds: [new EmbedBuilder().setTitle('Netflix × Spotify').setDescription('in talks')] });
      await interaction.followUp({ content: 'and one more thing', flags: MessageFlags.Ephemeral });
    });
    const handle = emulator.sendSlashCommand({ name: 'news' });
    expect((await handle.response()).type).toBe(5);
    const reply = await handle.reply();
    expect(reply.content).toBe('done');
    expect(reply.embeds[0]?.title).toBe('Netflix × Spotify');
    expect(reply.flags & 128).toBe(0);
    const followups = await handle.waitForFollowups(1);
    expect(followups[0]?.content).toBe('and one more thing');
    const edit = emulator.requestsTo('PATCH', '/webhooks/:id/:token/messages/:messageId')[0];
    expect(edit?.params.messageId).toBe('@original');
    expect(edit?.rawUrl).toContain('/messages/%40original');
    expect(edit?.status).toBe(200);
    expect(emulator.messages(handle.record.channelId).map((m) => m.content)).toEqual(['done']);
    emulator.assertNoViolations();
  });

  test('autocomplete sends the focused option and the choices come back', async () => {
    const { client, emulator } = await startBot();
    const a = emulator.guild('A');
    await client.application?.commands.set([dealCommand], a.id);
    const focused: string[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const option = interaction.options.getFocused(true);
      focused.push(`${option.name}=${option.value}`);
      await interaction.respond([{ name: 'Netflix × Spotify', value: 'netflix-spotify' }, { name: 'Netflix × Sony', value: 'netflix-sony' }]);
    });
    const handle = emulator.sendAutocomplete({ guildId: a.id, name: 'deal', subcommand: 'status', options: { deal: 'netf' }, focused: 'deal' });
    const choices = await handle.choices();
    expect(choices.map((c) => c.value)).toEqual(['netflix-spotify', 'netflix-sony']);
    expect(focused).toEqual(['deal=netf']);
    emulator.assertNoViolations();
  });

  test('a button click is answered with update, which edits the message it was on', async () => {
    const { client, emulator } = await startBot();
    const news = await textChannel({ client, emulator }, 'A', 'news');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('page:2').setLabel('Next').setStyle(ButtonStyle.Primary));
    const sent = await news.send({ content: 'page 1', components: [row] });
    onInteraction(client, async (interaction) => {
      if (!interaction.isButton()) return;
      await interaction.update({ content: `page ${interaction.customId.split(':')[1] ?? '?'}`, components: [] });
    });
    const handle = emulator.sendButton({ messageId: sent.id, customId: 'page:2', userId: emulator.guild('A').member('member').id });
    expect((await handle.response()).type).toBe(7);
    const [message] = emulator.messages(news.id);
    expect(message?.content).toBe('page 2');
    expect(message?.components).toEqual([]);
    expect(() => emulator.sendButton({ messageId: sent.id, customId: 'page:2' })).toThrow(/no component/);
    emulator.assertNoViolations();
  });

  test('a string select reaches the bot with its values', async () => {
    const { client, emulator } = await startBot();
    const news = await textChannel({ client, emulator }, 'A', 'news');
    const menu = new StringSelectMenuBuilder().setCustomId('status').addOptions({ label: 'In talks', value: 'in_talks' }, { label: 'Announced', value: 'announced' });
    const sent = await news.send({ content: 'Filter', components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)] });
    onInteraction(client, async (interaction) => {
      if (interaction.isStringSelectMenu()) await interaction.reply({ content: interaction.values.join(','), flags: MessageFlags.Ephemeral });
    });
    const reply = await emulator.sendStringSelect({ messageId: sent.id, customId: 'status', values: ['announced'] }).reply();
    expect(reply.content).toBe('announced');
    expect(reply.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });

  test('withResponse returns the created message', async () => {
    const { client, emulator } = await startBot();
    const ids: string[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const response = await interaction.reply({ content: 'hello', withResponse: true });
      ids.push(response.resource?.message?.id ?? 'none');
    });
    const handle = emulator.sendSlashCommand({ name: 'help' });
    const reply = await handle.reply();
    await emulator.waitFor(() => ids.length === 1);
    expect(ids).toEqual([reply.id]);
    expect(emulator.messages(reply.channel_id).map((m) => m.id)).toEqual([reply.id]);
  });

  test('a second callback gets 40060 and a late one 10062', async () => {
    const { client, emulator } = await startBot({ interactionDeadlineMs: 100 });
    const errors: unknown[] = [];
    onInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      if (interaction.commandName === 'slow') await new Promise((resolve) => setTimeout(resolve, 300));
      try {
        await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'one' } }, auth: false });
        await client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'two' } }, auth: false });
      } catch (error) {
        errors.push(error);
      }
    });
    const twice = emulator.sendSlashCommand({ name: 'twice' });
    expect((await twice.response()).data?.content).toBe('one');
    await emulator.waitFor(() => errors.length === 1);
    expect((errors[0] as DiscordAPIError).code).toBe(40060);
    const slow = emulator.sendSlashCommand({ name: 'slow' });
    await emulator.waitFor(() => errors.length === 2, 5000);
    expect((errors[1] as DiscordAPIError).code).toBe(10062);
    expect(slow.record.callback).toBeNull();
    expect(emulator.violations.map((v) => v.kind)).toEqual(['interaction']);
  });
});
