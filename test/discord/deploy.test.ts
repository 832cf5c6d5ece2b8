import { REST } from 'discord.js';
import { commands } from '../../commands';
import { loadConfig } from '../../src/config';
import { clearGuildCommands, deployCommands, DeployError } from '../../src/discord/deploy';
import { NO_SWEEPERS } from '../../src/discord/rest-sweepers';
import type { DiscordEmulator } from '../support/discord-emulator';
import { startDiscordEmulator } from '../support/discord-emulator';

describe('deploy-commands', () => {
  let emulator: DiscordEmulator;
  beforeEach(async () => {
    emulator = await startDiscordEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  const configFor = (extra: Record<string, string> = {}) =>
    loadConfig({ DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, ...extra });

  test('registers every command globally, each definition valid, with the application id from the API', async () => {
    const result = await deployCommands(configFor());
    expect(result).toEqual({ applicationId: emulator.applicationId, guildId: undefined, names: commands.map((c) => c.data.name) });
    expect(emulator.commands().map((c) => c.name)).toEqual(['deal', 'news', 'feeds', 'subscribe', 'unsubscribe', 'subscriptions', 'help']);
    expect(emulator.requestsTo('PUT', '/applications/:applicationId/commands')).toHaveLength(1);
    emulator.assertNoViolations();
  });

  test('with DISCORD_GUILD_ID, registers in that server only; running it again replaces, never duplicates', async () => {
    const guildId = emulator.guild('A').id;
    const config = configFor({ DISCORD_GUILD_ID: guildId });
    await deployCommands(config);
    const first = emulator.commands(guildId).map((c) => c.id);
    const again = await deployCommands(config, new REST({ ...NO_SWEEPERS, api: emulator.apiBase }).setToken(emulator.token));
    expect(again.guildId).toBe(guildId);
    expect(emulator.commands(guildId).map((c) => c.id)).toEqual(first);
    expect(emulator.commands()).toEqual([]);
    emulator.assertNoViolations();
  });

  test('--clear-guild removes one server\'s commands after a global deploy, so none shows twice there', async () => {
    const guildId = emulator.guild('A').id;
    await deployCommands(configFor({ DISCORD_GUILD_ID: guildId }));
    await deployCommands(configFor());
    expect(emulator.commands(guildId)).toHaveLength(commands.length);
    expect(await clearGuildCommands(configFor({ DISCORD_GUILD_ID: guildId }))).toEqual({ applicationId: emulator.applicationId, guildId, names: [] });
    expect(emulator.commands(guildId)).toEqual([]);
    expect(emulator.commands().map((c) => c.name)).toEqual(commands.map((c) => c.data.name));
    await expect(clearGuildCommands(configFor())).rejects.toThrow(/set DISCORD_GUILD_ID/);
    emulator.assertNoViolations();
  });

  test('every definition respects Discord\'s naming and size rules (checked by the emulator on PUT)', async () => {
    await deployCommands(configFor());
    for (const command of emulator.commands()) {
      expect(command.name).toMatch(/^[a-z_-]{1,32}$/);
      expect(command.description.length).toBeGreaterThan(0);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect((command.options ?? []).length).toBeLessThanOrEqual(25);
    }
    expect(emulator.violations).toEqual([]);
  });

  test('without a token it says what to do, before any request', async () => {
    await expect(deployCommands(loadConfig({}))).rejects.toThrow(DeployError);
    await expect(deployCommands(loadConfig({}))).rejects.toThrow(/DISCORD_TOKEN is not set/);
    expect(emulator.requests).toHaveLength(0);
  });
});
