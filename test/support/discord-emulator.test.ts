/** The local Discord API emulator, driven by the real discord.js client. */
import type { ChatInputCommandInteraction, Interaction, TextChannel } from 'discord.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, Client, DiscordAPIError, EmbedBuilder, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits, Routes, StringSelectMenuBuilder } from 'discord.js';
import type { DiscordEmulator, DiscordEmulatorOptions } from './discord-emulator';
import { Permission, startDiscordEmulator } from './discord-emulator';

interface Bot {
  emulator: DiscordEmulator;
  client: Client;
}

const open: Bot[] = [];

async function startBot(options: DiscordEmulatorOptions = {}, intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds]): Promise<Bot> {
  const emulator = await startDiscordEmulator(options);
  const client = new Client({ intents, rest: { api: emulator.apiBase } });
  const bot = { emulator, client };
  open.push(bot);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emulator.token);
  await ready;
  return bot;
}

afterEach(async () => {
  for (const { client, emulator } of open.splice(0)) {
    await client.destroy();
    await emulator.close();
  }
});

function onInteraction(client: Client, handler: (interaction: Interaction) => Promise<unknown>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    void handler(interaction).catch(() => undefined);
  });
}

async function textChannel(bot: Bot, guildKey: string, channelKey: string): Promise<TextChannel> {
  const channel = await bot.client.channels.fetch(bot.emulator.guild(guildKey).channel(channelKey).id);
  if (!channel || !channel.isTextBased() || channel.isDMBased()) throw new Error('not a text channel');
  return channel as TextChannel;
}

describe('login and ready', () => {
  test('the client becomes ready with both fixture guilds, their channels, roles and its own member', async () => {
    const { client, emulator } = await startBot();
    const a = emulator.guild('A');
    const guild = client.guilds.cache.get(a.id);
    expect(client.guilds.cache.size).toBe(2);
    expect(guild?.name).toBe('Crossover Test A');
    expect(guild?.channels.cache.get(a.channel('news').id)?.name).toBe('music-news');
    expect(guild?.roles.cache.get(a.role('moderators').id)?.permissions.has('ManageGuild')).toBe(true);
    expect(guild?.members.me?.id).toBe(emulator.botUserId);
    // Without the GUILD_PRESENCES intent Discord sends only the bot's own member.
    expect(guild?.members.cache.size).toBe(1);
    expect(client.user?.id).toBe(emulator.botUserId);
    expect(client.application?.id).toBe(emulator.applicationId);
    expect((await client.application?.fetch())?.name).toBe('Crossover');
    expect(emulator.identifies[0]?.intents).toBe(GatewayIntentBits.Guilds);
    const staff = guild?.channels.cache.get(a.channel('staff').id);
    expect(staff?.permissionsFor(a.everyoneRoleId)?.has('ViewChannel')).toBe(false);
    expect(staff?.permissionsFor(a.role('moderators').id)?.has('ViewChannel')).toBe(true);
    expect(staff?.permissionsFor(emulator.botUserId)?.has('ViewChannel')).toBe(true);
    emulator.assertNoViolations();
  });

  test('with privileged intents enabled, every fixture member is cached', async () => {
    const allowed = GatewayIntentBits.GuildPresences | GatewayIntentBits.GuildMembers;
    const { client, emulator } = await startBot({ allowedPrivilegedIntents: allowed }, [GatewayIntentBits.Guilds, GatewayIntentBits.GuildPresences]);
    const a = emulator.guild('A');
    const members = client.guilds.cache.get(a.id)?.members.cache;
    expect(members?.size).toBe(4);
    expect(members?.get(a.member('admin').id)?.permissions.has('ManageGuild')).toBe(true);
    expect(members?.get(a.member('member').id)?.permissions.has('ManageGuild')).toBe(false);
    expect(members?.get(a.member('owner').id)?.permissions.has('ManageGuild')).toBe(true);
  });

  test('asking for a privileged intent the portal has not enabled fails the login (close 4014)', async () => {
    const emulator = await startDiscordEmulator();
    const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers], rest: { api: emulator.apiBase } });
    open.push({ emulator, client });
    client.on(Events.ShardError, () => undefined);
    await expect(client.login(emulator.token)).rejects.toThrow('Used disallowed intents');
    await emulator.waitFor(() => emulator.gatewayEvents.some((e) => e.t === 'CLOSE' && (e.d as { code: number }).code === 4014), 2000, 'close 4014');
  });

  test('a wrong token is refused by REST with 401', async () => {
    const emulator = await startDiscordEmulator();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
    open.push({ emulator, client });
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
    expect(emulator.requestsTo('GET', '/gateway/bot')[0]?.status).toBe(401);
  });
});

const dealCommand = {
  name: 'deal',
  description: 'Deals between platforms',
  options: [
    {
      type: 1, name: 'status', description: 'A deal status',
      options: [
        { type: 3, name: 'deal', description: 'Which deal', required: true, autocomplete: true },
        { type: 4, name: 'count', description: 'How many', min_value: 1, max_value: 10 },
      ],
    },
    { type: 1, name: 'list', description: 'Tracked deals', options: [{ type: 7, name: 'channel', description: 'Where' }] },
  ],
};

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

describe('channel messages', () => {
  test('channel.send with the same nonce and enforceNonce twice gives one message', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const first = await news.send({ content: 'Netflix × Spotify: in talks', nonce: 'story-42', enforceNonce: true });
    const second = await news.send({ content: 'Netflix × Spotify: in talks', nonce: 'story-42', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(bot.emulator.messages(news.id)).toHaveLength(1);
    expect(bot.emulator.requestsTo('POST', '/channels/:id/messages')).toHaveLength(2);
    // Without enforce_nonce Discord does not deduplicate.
    await news.send({ content: 'again', nonce: 'story-42', enforceNonce: false });
    expect(bot.emulator.messages(news.id)).toHaveLength(2);
  });

  test('a message edit replaces the content and records the history', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const sent = await news.send({ content: 'Reported by Billboard', allowedMentions: { parse: [] } });
    await sent.edit({ content: 'Reported by Billboard. Also reported by Variety' });
    const [message] = bot.emulator.messages(news.id);
    expect(message?.content).toBe('Reported by Billboard. Also reported by Variety');
    expect(message?.edited_timestamp).not.toBeNull();
    expect(bot.emulator.state.messages.get(sent.id)?.history).toHaveLength(2);
    expect(bot.emulator.requestsTo('POST', '/channels/:id/messages')[0]?.allowedMentions).toEqual({ parse: [] });
  });

  test('@everyone pings only when allowed_mentions lets it', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    await news.send({ content: 'Free for @everyone', allowedMentions: { parse: [] } });
    await news.send({ content: 'Free for @everyone' });
    expect(bot.emulator.messages(news.id).map((m) => m.mention_everyone)).toEqual([false, true]);
  });

  test('an oversized embed is refused with 400 Invalid Form Body and recorded as a violation', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const embed = new EmbedBuilder().setTitle('x'.repeat(256)).setDescription('y'.repeat(4096)).addFields({ name: 'z', value: 'w'.repeat(1024) }, { name: 'v', value: 'u'.repeat(1024) });
    const error = await news.send({ embeds: [embed] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).status).toBe(400);
    expect(bot.emulator.messages(news.id)).toHaveLength(0);
    expect(bot.emulator.violations[0]?.problems[0]?.code).toBe('MAX_EMBED_SIZE_EXCEEDED');
    expect(() => bot.emulator.assertNoViolations()).toThrow(/Embed size exceeds maximum size of 6000/);
  });

  test('a 429 on the messages route is retried by discord.js and exactly one message exists', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    bot.emulator.failNext({ method: 'POST', route: '/channels/:id/messages', status: 429, retryAfter: 0.05 });
    await news.send({ content: 'after a rate limit' });
    const posts = bot.emulator.requestsTo('POST', '/channels/:channelId/messages');
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[0]?.responseBody).toMatchObject({ retry_after: 0.05, global: false });
    expect(bot.emulator.messages(news.id)).toHaveLength(1);
  });

  test('discord.js follows the rate-limit headers: a small bucket slows it down instead of failing', async () => {
    const bot = await startBot({ messageRateLimit: { limit: 2, windowMs: 300 } });
    const news = await textChannel(bot, 'A', 'news');
    await Promise.all([1, 2, 3, 4, 5].map((n) => news.send(`post ${n}`)));
    expect(bot.emulator.messages(news.id)).toHaveLength(5);
    const posts = bot.emulator.requestsTo('POST', '/channels/:id/messages');
    expect(posts.every((p) => p.status === 200)).toBe(true);
    expect(posts[0]?.responseHeaders).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' });
    expect(posts[0]?.responseHeaders['x-ratelimit-bucket']).toMatch(/^[0-9a-f]+$/);
    bot.emulator.assertNoViolations();
  });

  test("each channel's message bucket is Discord's 5 per 5 s, announced in the headers", async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    await news.send('one');
    const [first] = bot.emulator.requestsTo('POST', '/channels/:id/messages');
    expect(first?.responseHeaders).toMatchObject({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4' });
    expect(Number(first?.responseHeaders['x-ratelimit-reset-after'])).toBeGreaterThan(4);
  });

  test("the bot's global limit: a request over it gets a global 429 (a violation); interaction callbacks do not count", async () => {
    const { emulator } = await startBot({ globalRateLimit: { limit: 10, windowMs: 60_000 } });
    const news = emulator.guild('A').channel('news').id;
    const get = () => fetch(`${emulator.apiBase}/v10/channels/${news}`, { headers: { authorization: `Bot ${emulator.token}` } });
    const left = 10 - emulator.requests.length; // logging in took some
    const statuses = [];
    for (let i = 0; i <= left; i += 1) statuses.push((await get()).status);
    expect(statuses).toEqual([...Array.from({ length: left }, () => 200), 429]);
    const limited = emulator.requests.at(-1);
    expect(limited?.responseHeaders).toMatchObject({ 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
    expect(limited?.responseBody).toMatchObject({ global: true });
    const handle = emulator.sendSlashCommand({ guildId: emulator.guild('A').id, userId: emulator.guild('A').member('member').id, name: 'help' });
    const callback = await fetch(`${emulator.apiBase}/v10/interactions/${handle.id}/${handle.token}/callback`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 4, data: { content: 'hello' } }),
    });
    expect(callback.status).toBe(204);
    expect(() => emulator.assertNoViolations()).toThrow(/global rate limit/);
  });

  test('messages are listed newest first, before or after an id', async () => {
    const bot = await startBot();
    const general = await textChannel(bot, 'A', 'general');
    const sent = [];
    for (const n of [1, 2, 3, 4]) sent.push(await general.send(`m${n}`));
    const list = async (query: Record<string, string>) =>
      ((await bot.client.rest.get(Routes.channelMessages(general.id), { query: new URLSearchParams(query) })) as { content: string }[]).map((m) => m.content);
    expect(await list({ limit: '2' })).toEqual(['m4', 'm3']);
    expect(await list({ after: sent[0]?.id ?? '', limit: '2' })).toEqual(['m3', 'm2']);
    expect(await list({ before: sent[3]?.id ?? '' })).toEqual(['m3', 'm2', 'm1']);
  }, 15_000);

  test('a fault after handling acts at once and only delays the answer, and a nonce is forgotten after its window', async () => {
    const bot = await startBot({ nonceWindowMs: 100 });
    const news = await textChannel(bot, 'A', 'news');
    bot.emulator.failNext({ method: 'POST', route: `/channels/${news.id}/messages`, status: 500, afterHandling: true, delayMs: 2000 });
    const sending = bot.client.rest.post(Routes.channelMessages(news.id), { body: { content: 'slow answer', nonce: 'n-1', enforce_nonce: true } }).catch(() => undefined);
    await bot.emulator.waitForMessages(news.id, 1, 1000);
    await sending;
    await new Promise((resolve) => setTimeout(resolve, 150));
    await news.send({ content: 'slow answer', nonce: 'n-1', enforceNonce: true });
    expect(bot.emulator.messages(news.id).length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  test('a 500 after Discord created the message, retried with the same nonce, still gives one message', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    bot.emulator.failNext({ method: 'POST', route: `/channels/${news.id}/messages`, status: 500, afterHandling: true });
    await news.send({ content: 'lost response', nonce: 'story-7', enforceNonce: true });
    expect(bot.emulator.requestsTo('POST', `/channels/${news.id}/messages`).map((p) => p.status)).toEqual([500, 200]);
    expect(bot.emulator.messages(news.id)).toHaveLength(1);
  });

  test('403 and 404 come back as Discord errors, injected or from real permissions', async () => {
    const bot = await startBot();
    const a = bot.emulator.guild('A');
    const news = await textChannel(bot, 'A', 'news');
    const general = await textChannel(bot, 'A', 'general');
    bot.emulator.failNext({ route: `/channels/${news.id}/messages`, status: 403 });
    await expect(news.send('x')).rejects.toMatchObject({ code: 50001, status: 403 });
    bot.emulator.denyBot(general.id, Permission.SendMessages);
    await expect(general.send('x')).rejects.toMatchObject({ code: 50013, status: 403 });
    bot.emulator.deleteChannel(a.channel('staff').id);
    await expect(bot.client.rest.post(Routes.channelMessages(a.channel('staff').id), { body: { content: 'x' } })).rejects.toMatchObject({ code: 10003, status: 404 });
    await expect(news.send('fine now')).resolves.toBeDefined();
  });

  test('attachments arrive as multipart/form-data with payload_json', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const sent = await news.send({ content: 'with a file', files: [{ attachment: Buffer.from('hello'), name: 'notes.txt' }] });
    expect(sent.attachments.first()?.name).toBe('notes.txt');
    const request = bot.emulator.requestsTo('POST', '/channels/:id/messages')[0];
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request?.files).toEqual([expect.objectContaining({ filename: 'notes.txt', size: 5 })]);
    expect(bot.emulator.messages(news.id)[0]?.content).toBe('with a file');
  });

  test('a thread can be started from a message', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const sent = await news.send('Netflix × Spotify');
    const thread = await sent.startThread({ name: 'Discuss: Netflix × Spotify' });
    expect(thread.id).toBe(sent.id);
    await thread.send('What does it mean for artists?');
    expect(bot.emulator.messages(thread.id).map((m) => m.content)).toEqual(['What does it mean for artists?']);
    expect(bot.emulator.message(sent.id)?.thread?.id).toBe(thread.id);
  });

  test('a member can be fetched and sent a direct message (how admins may be told)', async () => {
    const bot = await startBot();
    const a = bot.emulator.guild('A');
    const member = await bot.client.guilds.cache.get(a.id)?.members.fetch(a.member('admin').id);
    expect(member?.permissions.has('ManageGuild')).toBe(true);
    const dm = await member?.send('Posting to #music-news failed: Missing Access');
    expect(dm?.channel.isDMBased()).toBe(true);
    expect(bot.emulator.messages(dm?.channelId ?? '').map((m) => m.content)).toEqual(['Posting to #music-news failed: Missing Access']);
    bot.emulator.assertNoViolations();
  });

  test('unknown routes get a Discord-shaped 404 and are reported', async () => {
    const bot = await startBot();
    await expect(bot.client.rest.get('/guilds/1/no-such-thing' as `/${string}`)).rejects.toMatchObject({ status: 404, code: 0 });
    expect(bot.emulator.unknownRequests().map((r) => r.path)).toEqual(['/guilds/1/no-such-thing']);
    expect(() => bot.emulator.assertNoViolations()).toThrow(/unknown-route/);
  });
});

describe('application commands', () => {
  test('a bulk overwrite is stored with ids, kept across overwrites, and bad definitions are refused', async () => {
    const bot = await startBot();
    const app = bot.emulator.applicationId;
    const first = (await bot.client.rest.put(Routes.applicationCommands(app), { body: [dealCommand, { name: 'help', description: 'How to use Crossover' }] })) as { id: string; name: string }[];
    expect(first.map((c) => c.name)).toEqual(['deal', 'help']);
    const again = (await bot.client.rest.put(Routes.applicationCommands(app), { body: [dealCommand] })) as { id: string }[];
    expect(again[0]?.id).toBe(first[0]?.id);
    expect(bot.emulator.commands()).toHaveLength(1);
    const bad = { name: 'Deal', description: 'd'.repeat(101), options: Array.from({ length: 26 }, (_, i) => ({ type: 3, name: `o${i}`, description: 'x' })) };
    const error = await bot.client.rest.put(Routes.applicationCommands(app), { body: [bad] }).catch((e: unknown) => e);
    expect((error as DiscordAPIError).code).toBe(50035);
    const paths = bot.emulator.violations.flatMap((v) => v.problems.map((p) => p.path.join('.')));
    expect(paths).toEqual(expect.arrayContaining(['0.name', '0.description', '0.options']));
    expect(bot.emulator.commands()).toHaveLength(1);
  });
});

describe('gateway', () => {
  test.each(['close', 'terminate'] as const)('after a dropped connection (%s) the client resumes and still gets interactions', async (mode) => {
    const { client, emulator } = await startBot();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: `pong ${interaction.commandName}` });
    });
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    expect(emulator.dropGateway({ mode })).toBe(1);
    // Sent while the connection is down: replayed on resume.
    const during = emulator.sendSlashCommand({ name: 'during' });
    await emulator.waitForResume(1);
    await resumed;
    expect(emulator.resumes[0]?.path).toBe('/resume');
    expect(emulator.resumes[0]?.replayed).toBeGreaterThanOrEqual(1);
    expect(emulator.identifies).toHaveLength(1);
    expect((await during.response()).data?.content).toBe('pong during');
    expect((await emulator.sendSlashCommand({ name: 'after' }).response()).data?.content).toBe('pong after');
  });

  test('op 7 Reconnect makes the client resume; a non-resumable Invalid Session makes it identify again', async () => {
    const { client, emulator } = await startBot();
    onInteraction(client, async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply({ content: 'pong' });
    });
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));
    emulator.requestReconnect();
    await emulator.waitForResume(1);
    await resumed;
    emulator.invalidateSessions(false);
    // discord.js spaces identifies 5 s apart (max_concurrency 1), so this takes a while.
    await emulator.waitFor(() => emulator.identifies.length === 2, 15_000, 'a second IDENTIFY');
    await emulator.waitFor(() => client.ws.shards.first()?.status === 0, 5000, 'the shard to be ready again');
    expect((await emulator.sendSlashCommand({ name: 'after' }).response()).data?.content).toBe('pong');
    expect(emulator.gatewayEvents.filter((e) => e.direction === 'received' && e.op === 2)).toHaveLength(2);
  });

  test('heartbeats are acknowledged and dispatch pushes any event', async () => {
    const { client, emulator } = await startBot({ heartbeatIntervalMs: 50 });
    await emulator.waitFor(() => emulator.gatewayEvents.some((e) => e.direction === 'sent' && e.op === 11), 3000, 'a heartbeat ACK');
    const a = emulator.guild('A');
    const updated = new Promise<string>((resolve) => client.once(Events.GuildUpdate, (_old, guild) => resolve(guild.name)));
    expect(emulator.dispatch('GUILD_UPDATE', { id: a.id, name: 'Renamed A' }, { guildId: a.id })).toBe(1);
    expect(await updated).toBe('Renamed A');
    const sequence = emulator.gatewayEvents.filter((e) => e.direction === 'sent' && e.op === 0).map((e) => e.s ?? 0);
    expect(sequence).toEqual([...sequence].sort((x, y) => x - y));
  });
});
