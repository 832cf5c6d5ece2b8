import type { ClientOptions } from 'discord.js';
import { Client, Events, GatewayIntentBits, Status } from 'discord.js';
import type { ShardSettings } from '../config';
import type { Logger } from '../logger';

export interface DiscordClientOptions {
  /** DISCORD_API_BASE: Discord's REST base URL, e.g. the local emulator's in tests. */
  apiBase?: string;
  /** SHARD_COUNT and SHARD_IDS; undefined: one shard. */
  shards?: ShardSettings;
  log: Logger;
}

/**
 * The discord.js client with the fewest intents Crossover needs: Guilds (servers, channels, roles
 * — for permission checks and admin notices). Slash commands arrive without any intent; the bot
 * never reads messages. No mention is ever allowed by default: a post that mentions a role says so.
 * It runs this process's gateway shards itself (discord.js's internal sharding: one connection per
 * shard, one cache, one REST client), so that the process keeps one store and one delivery loop.
 */
export function createDiscordClient({ apiBase, shards, log }: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    rest: apiBase ? { api: apiBase } : {},
    ...shardOptions(shards),
  });
  client.once(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size, shards: ready.options.shards, shardCount: ready.options.shardCount }, 'connected to Discord'),
  );
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'));
  client.on(Events.ShardError, (error, shard) => log.error({ shard, err: error }, 'gateway error'));
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'));
  client.rest.on('rateLimited', (info) =>
    log.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord'),
  );
  return client;
}

/**
 * The shards this process runs, always spelled out: `auto` asks Discord (GET /gateway/bot) for the
 * count and runs them all; a count without ids runs every shard of that count here.
 */
function shardOptions(shards: ShardSettings | undefined): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards?.count === 'auto') return { shards: 'auto' };
  const count = shards?.count ?? 1;
  return { shards: shards?.ids ?? Array.from({ length: count }, (_, id) => id), shardCount: count };
}

/** Whether this process runs every shard (else other processes, sharing its store, run the rest). */
export function runsEveryShard(shards: ShardSettings | undefined): boolean {
  return shards?.ids === undefined || (typeof shards.count === 'number' && shards.ids.length === shards.count);
}

/**
 * Logs in and waits until every shard of this process is ready. When Discord refuses the connection
 * because the bot is in too many servers for its shards, the error says which setting to change.
 */
export async function logIn(client: Client, token: string): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'Sharding is required') {
      throw new Error('Discord refused the connection: the bot is in too many servers for this many shards (4011 Sharding required); set SHARD_COUNT=auto, or a larger SHARD_COUNT for every process', { cause: error });
    }
    throw error;
  }
  await ready;
}

/**
 * The gateway connection's state in words ("ready", "reconnecting", "waiting_for_guilds"), for
 * /healthz and the metrics: ready only while every shard of this process is, since the servers of a
 * shard that is down get no answers.
 */
export function gatewayState(client: Client): string {
  const statuses = [client.ws.status, ...client.ws.shards.map((shard) => shard.status)];
  const status = statuses.find((s) => s !== Status.Ready) ?? Status.Ready;
  const name = Status[status] ?? 'unknown';
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
