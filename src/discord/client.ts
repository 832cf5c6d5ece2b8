import { Client, Events, GatewayIntentBits, Status } from 'discord.js';
import type { Logger } from '../logger';

export interface DiscordClientOptions {
  /** DISCORD_API_BASE: Discord's REST base URL, e.g. the local emulator's in tests. */
  apiBase?: string;
  log: Logger;
}

/**
 * The discord.js client with the fewest intents Crossover needs: Guilds (servers, channels, roles
 * — for permission checks and admin notices). Slash commands arrive without any intent; the bot
 * never reads messages. No mention is ever allowed by default: a post that mentions a role says so.
 */
export function createDiscordClient({ apiBase, log }: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    rest: apiBase ? { api: apiBase } : {},
  });
  client.once(Events.ClientReady, (ready) =>
    log.info({ user: ready.user.tag, guilds: ready.guilds.cache.size }, 'connected to Discord'),
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

/** The gateway connection's state in words ("ready", "reconnecting", "waiting_for_guilds"), for /healthz and the metrics. */
export function gatewayState(client: Client): string {
  const name = Status[client.ws.status] ?? 'unknown';
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
