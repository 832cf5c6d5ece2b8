import type { Client, Interaction } from 'discord.js';
import { Events, REST } from 'discord.js';
import { commands } from '../../commands';
import type { DiscordEmulator } from '../../test/support/discord-emulator';
import { createDefaultFixtures, startDiscordEmulator } from '../../test/support/discord-emulator';
import { loadConfig } from '../config';
import type { FeedSource } from '../feeds/types';
import { createSilentLogger } from '../logger';
import { openCore } from '../app';
import { createDiscordClient } from '../discord/client';
import { createCommandContext } from '../discord/create-command-context';
import { deployCommands } from '../discord/deploy';
import { createInteractionRouter } from '../discord/router';
import type { CommandKind, MixEntry } from './bench-command-mix';

/**
 * The parts of the slash-command latency benchmark: sending a mix of interactions through the
 * emulator one at a time and reading each one's latency (INTERACTION_CREATE sent → the reply request
 * arriving, as the emulator records it), and the two bots that answer them in this process: the real
 * one, wired as main.ts wires it (openCore, the command context, the router, the warmed deal cache),
 * and the floor, a discord.js client that answers every interaction at once without looking at it.
 */
export interface LatencySample {
  kind: CommandKind;
  ms: number;
  /** Callback type: 4 message, 5 deferred (then the latency runs to the edit), 8 autocomplete result. */
  type: number;
  ephemeral: boolean;
  /** Set when no valid reply came. */
  error?: string;
}

const REPLY_TIMEOUT_MS = 5000;

export async function sendMix(emulator: DiscordEmulator, mix: MixEntry[], guildId: string): Promise<LatencySample[]> {
  const samples: LatencySample[] = [];
  for (const entry of mix) {
    const input = { guildId, name: entry.name, subcommand: entry.subcommand, options: entry.options };
    const handle = entry.focused ? emulator.sendAutocomplete({ ...input, focused: entry.focused }) : emulator.sendSlashCommand(input);
    try {
      const response = await handle.response(REPLY_TIMEOUT_MS);
      const callback = handle.record.callback;
      let ms = callback?.latencyMs ?? Number.NaN;
      if (response.type === 5) {
        await handle.reply(REPLY_TIMEOUT_MS);
        const edit = emulator.requests.find((r) => r.method === 'PATCH' && r.path.includes(handle.token) && r.status < 300);
        ms = edit ? edit.at - handle.record.createdAt : Number.NaN;
      }
      const flags = Number(response.data?.flags ?? 0);
      samples.push({ kind: entry.kind, ms, type: response.type, ephemeral: (flags & 64) !== 0 });
    } catch (error) {
      samples.push({ kind: entry.kind, ms: Number.NaN, type: 0, ephemeral: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return samples;
}

/** Registers the real commands with the emulator (so it types the options as Discord would). */
export async function deployToEmulator(emulator: DiscordEmulator): Promise<void> {
  const config = loadConfig({ DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase });
  const rest = new REST({ api: emulator.apiBase, retries: 1, timeout: 5000 }).setToken(emulator.token);
  await deployCommands(config, rest, commands);
}

/** The command benchmarks' two servers (A is the one commands are sent in). */
export const BENCH_GUILD_A = '1300000000000000001';
export const BENCH_GUILD_B = '1300000000000000002';

/** Starts Discord API emulators with the two servers and the real commands deployed; `closeAll` closes every one started. */
export function benchEmulators(): { start(): Promise<DiscordEmulator>; closeAll(): Promise<void> } {
  const started: DiscordEmulator[] = [];
  const guilds = createDefaultFixtures().map((guild) => ({ ...guild, id: guild.key === 'A' ? BENCH_GUILD_A : BENCH_GUILD_B }));
  return {
    async start() {
      const emulator = await startDiscordEmulator({ guilds });
      started.push(emulator);
      await deployToEmulator(emulator);
      return emulator;
    },
    async closeAll() {
      for (const emulator of started.splice(0)) await emulator.close();
    },
  };
}

export interface RunningBot {
  /** Opening the store and warming the deal cache, then logging in. */
  warmMs: number;
  loginMs: number;
  close(): Promise<void>;
}

/** The real bot in this process, as main.ts's startDiscord wires it (without the poll schedule). */
export async function startRealBot(emulator: DiscordEmulator, databaseUrl: string, defaultFeeds: FeedSource[]): Promise<RunningBot> {
  const log = createSilentLogger();
  const config = loadConfig({ DISCORD_TOKEN: emulator.token, DISCORD_API_BASE: emulator.apiBase, DATABASE_URL: databaseUrl });
  let started = performance.now();
  const core = openCore(config, log, defaultFeeds);
  const client: Client = createDiscordClient({ apiBase: emulator.apiBase, log });
  const context = createCommandContext({
    stores: core.stores, guildFeeds: core.guildFeeds, subscriptions: core.subscriptions, classifier: core.classifier,
    deals: core.deals, log, defaultFeeds: () => core.defaultFeeds, allowPrivateFeedHosts: false,
  });
  const route = createInteractionRouter(commands, context, log);
  client.on(Events.InteractionCreate, (interaction) => {
    route(interaction).catch((error: unknown) => log.error({ err: error }, 'interaction router failed'));
  });
  await core.deals.warm();
  const warmMs = performance.now() - started;
  started = performance.now();
  await login(client, emulator.token);
  const loginMs = performance.now() - started;
  return {
    warmMs,
    loginMs,
    async close() {
      await client.destroy();
      await core.stores.close();
    },
  };
}

/** The floor: the same client, answering every interaction at once with a fixed reply. */
export async function startFloorBot(emulator: DiscordEmulator): Promise<RunningBot> {
  const client: Client = createDiscordClient({ apiBase: emulator.apiBase, log: createSilentLogger() });
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isAutocomplete()) void interaction.respond([]).catch(() => undefined);
    else if (interaction.isChatInputCommand()) void interaction.reply({ content: 'ok' }).catch(() => undefined);
  });
  const started = performance.now();
  await login(client, emulator.token);
  const loginMs = performance.now() - started;
  return { warmMs: 0, loginMs, close: () => client.destroy() };
}

async function login(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(token);
  await ready;
}
