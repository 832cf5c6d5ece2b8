import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import type { RESTGetCurrentApplicationResult, RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { REST, Routes } from 'discord.js';
import { commands } from '../../commands';
import type { Config } from '../config';
import type { Command } from './command';
import { ConfigError, loadConfig } from '../config';
import { NO_SWEEPERS } from './rest-sweepers';

export interface DeployResult {
  applicationId: string;
  /** The server the commands were registered in, or undefined for a global registration. */
  guildId?: string;
  /** The registered command names, as Discord returned them. */
  names: string[];
}

export class DeployError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployError';
  }
}

/**
 * Registers the slash commands (the explicit list in commands/index.ts) with one bulk overwrite:
 * in one server when DISCORD_GUILD_ID is set (instant, for development), else globally.
 * Run by `npm run deploy-commands`, never by the bot on start-up.
 */
export async function deployCommands(config: Config, rest?: REST, list: readonly Command[] = commands): Promise<DeployResult> {
  const { client, application } = await connect(config, rest);
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(application.id, config.discordGuildId)
    : Routes.applicationCommands(application.id);
  const registered = (await client.put(route, { body: list.map((c) => c.data) })) as RESTPutAPIApplicationCommandsResult;
  return { applicationId: application.id, guildId: config.discordGuildId, names: registered.map((c) => c.name) };
}

/**
 * Removes the commands registered in the server DISCORD_GUILD_ID (`npm run deploy-commands --
 * --clear-guild`): after trying the bot in one server and then deploying globally, that server
 * would otherwise show every command twice. Global commands stay.
 */
export async function clearGuildCommands(config: Config, rest?: REST): Promise<DeployResult> {
  if (!config.discordGuildId) {
    throw new DeployError('--clear-guild removes the commands of one server: set DISCORD_GUILD_ID to that server\'s id.');
  }
  const { client, application } = await connect(config, rest);
  await client.put(Routes.applicationGuildCommands(application.id, config.discordGuildId), { body: [] });
  return { applicationId: application.id, guildId: config.discordGuildId, names: [] };
}

async function connect(config: Config, rest?: REST) {
  const token = config.discordToken;
  if (!token) throw new DeployError('DISCORD_TOKEN is not set: put the bot token in .env (see .env.example), then run npm run deploy-commands again.');
  const client = rest ?? new REST({ ...NO_SWEEPERS, ...(config.discordApiBase ? { api: config.discordApiBase } : {}) }).setToken(token);
  const application = (await client.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  return { client, application };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'clear-guild': { type: 'boolean', default: false } }, allowPositionals: false });
  dotenv.config({ quiet: true });
  const config = loadConfig();
  if (values['clear-guild']) {
    const cleared = await clearGuildCommands(config);
    process.stdout.write(`Removed every command registered in server ${cleared.guildId}; the global ones (if deployed) remain.\n`);
    return;
  }
  const result = await deployCommands(config);
  const where = result.guildId ? `in server ${result.guildId}` : 'globally';
  process.stdout.write(`Registered ${result.names.length} commands ${where} for application ${result.applicationId}:\n`);
  for (const name of result.names) process.stdout.write(`  /${name}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DeployError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${known ? '' : 'Deploying the commands failed: '}${message}\n`);
    process.exit(known ? 2 : 1);
  });
}
