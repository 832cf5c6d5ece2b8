/** The local Discord API emulator, driven by the real discord.js client. */
import type { DiscordAPIError } from 'discord.js';
import { Client, Events, GatewayIntentBits, Routes, Status } from 'discord.js';
import { startDiscordEmulator } from './discord-emulator';
import { closeBots, dealCommand, onInteraction, startBot, trackBot } from './emulator-bot';

afterEach(closeBots);

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
    trackBot({ emulator, client });
    client.on(Events.ShardError, () => undefined);
    await expect(client.login(emulator.token)).rejects.toThrow('Used disallowed intents');
    await emulator.waitFor(() => emulator.gatewayEvents.some((e) => e.t === 'CLOSE' && (e.d as { code: number }).code === 4014), 2000, 'close 4014');
  });

  test('a wrong token is refused by REST with 401', async () => {
    const emulator = await startDiscordEmulator();
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
    trackBot({ emulator, client });
    await expect(client.login('not-the-token')).rejects.toThrow(/token/i);
    expect(emulator.requestsTo('GET', '/gateway/bot')[0]?.status).toBe(401);
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
    await emulator.waitFor(() => client.ws.shards.first()?.status === Status.Ready, 5000, 'the shard to be ready again');
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
