/** A local Discord API emulator for end-to-end tests and benchmarks: REST under `apiBase` (give it to
 * discord.js as `rest: { api }`), the gateway at the URL GET /gateway/bot returns.
 *
 *   const emulator = await startDiscordEmulator();
 *   const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase } });
 *   await client.login(emulator.token);
 *   const handle = emulator.sendSlashCommand({ name: 'help' });
 *   const reply = await handle.reply();
 *   emulator.assertNoViolations();
 *   await client.destroy(); await emulator.close();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiApplicationCommand, ApiMessage, JsonObject } from './api-types';
import type { DispatchTarget, EmulatorContext, ResolvedOptions } from './context';
import type { FaultSpec } from './faults';
import { createFaultInjector } from './faults';
import type { GuildRef } from './fixture-refs';
import { createGuildRef } from './fixture-refs';
import type { BotFixture, GuildFixture } from './fixtures';
import { createDefaultFixtures } from './fixtures';
import type { DropOptions, IdentifyRecord, ResumeRecord } from './gateway';
import { createGateway } from './gateway';
import type { AutocompleteInput, ButtonInput, SelectInput, SlashCommandInput } from './interaction-builder';
import { sendAutocomplete, sendButton, sendSlashCommand, sendStringSelect } from './interaction-builder';
import type { InteractionHandle } from './interaction-handle';
import type { InteractionRecord } from './interactions';
import { createInteractionRegistry } from './interactions';
import type { BucketLimit, RateLimitOptions } from './rate-limits';
import { createGlobalLimiter, createRateLimiter, DISCORD_GLOBAL_LIMIT, DISCORD_MESSAGE_LIMIT, MESSAGE_ROUTE } from './rate-limits';
import type { RecordedGatewayEvent, RecordedRequest, Violation } from './recorder';
import { createRecorder } from './recorder';
import { createRestHandler } from './rest-server';
import { createRouter } from './router';
import { channelRoutes } from './routes/channel-routes';
import { commandRoutes } from './routes/command-routes';
import { guildRoutes } from './routes/guild-routes';
import { identityRoutes } from './routes/identity-routes';
import { interactionRoutes } from './routes/interaction-routes';
import { threadRoutes } from './routes/thread-routes';
import { webhookRoutes } from './routes/webhook-routes';
import { createSnowflakeGenerator } from './snowflake';
import type { EmulatorState } from './state';
import { createEmulatorState, visibleMessages } from './state';
import type { ShardingOptions } from './sharding';
import { resolveSharding } from './sharding';
import { deleteChannel, denyBotInChannel, restoreBotInChannel } from './world-changes';

export interface DiscordEmulatorOptions {
  /** Guilds to start with (default: createDefaultFixtures(), guilds A and B). */
  guilds?: GuildFixture[];
  bot?: BotFixture;
  /** Gateway heartbeat interval sent in HELLO (default 41250 ms, as Discord). */
  heartbeatIntervalMs?: number;
  /** Time allowed from INTERACTION_CREATE to the callback (default 3000 ms). */
  interactionDeadlineMs?: number;
  /** Interaction token lifetime for edits and follow-ups (default 15 minutes). */
  interactionTokenTtlMs?: number;
  /** How long a message nonce with enforce_nonce is remembered (default 5 minutes). */
  nonceWindowMs?: number;
  /** Rate-limit buckets (default 50 requests per second per route and major parameter). */
  rateLimit?: RateLimitOptions;
  /** The message bucket of each channel (default Discord's: 5 per 5 s); null: the default bucket. */
  messageRateLimit?: BucketLimit | null;
  /** The bot's global limit over every route that needs the token (default Discord's: 50 per second,
   * as a sliding window); null: none. Interaction callbacks and webhook-token routes are exempt. */
  globalRateLimit?: BucketLimit | null;
  /** Privileged intents "enabled in the developer portal" (default none: asking for one closes 4014). */
  allowedPrivilegedIntents?: number;
  /** Recommended shard count, the 4011 limit and identify concurrency (default: one shard, as a small bot). */
  sharding?: ShardingOptions;
}

export interface DiscordEmulator {
  /** `http://127.0.0.1:<port>/api`; discord.js adds `/v10`. */
  readonly apiBase: string;
  readonly gatewayUrl: string;
  /** The bot token the emulator accepts. */
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly state: EmulatorState;
  readonly requests: readonly RecordedRequest[];
  readonly gatewayEvents: readonly RecordedGatewayEvent[];
  readonly violations: readonly Violation[];
  readonly identifies: readonly IdentifyRecord[];
  readonly resumes: readonly ResumeRecord[];
  readonly interactions: readonly InteractionRecord[];
  guild(key: string): GuildRef;
  /** Current visible messages of a channel, oldest first, as edited (deleted ones left out). */
  messages(channelId: string): ApiMessage[];
  message(messageId: string): ApiMessage | null;
  /** Registered commands: global, or a guild's. */
  commands(guildId?: string): ApiApplicationCommand[];
  sendSlashCommand(input: SlashCommandInput): InteractionHandle;
  sendAutocomplete(input: AutocompleteInput): InteractionHandle;
  sendButton(input: ButtonInput): InteractionHandle;
  sendStringSelect(input: SelectInput): InteractionHandle;
  /** Pushes any gateway event (to every matching live session). */
  dispatch(event: string, data: JsonObject, target?: DispatchTarget): number;
  /** Drops the gateway connection(s); discord.js resumes. Returns how many were dropped. */
  dropGateway(options?: DropOptions): number;
  /** Sends op 7 Reconnect (discord.js reconnects and resumes). */
  requestReconnect(): void;
  /** Sends op 1 (the client must heartbeat at once). */
  requestHeartbeat(): void;
  /** Sends op 9 Invalid Session; not resumable ends the sessions (the client identifies again). */
  invalidateSessions(resumable: boolean): void;
  failNext(spec: FaultSpec): void;
  clearFaults(): void;
  /** Injected faults not yet consumed by a request (a consumed one may still be delaying its answer). */
  pendingFaults(): FaultSpec[];
  /** Requests to a route template ('/channels/:id/messages') or a concrete path. */
  requestsTo(method: string, route: string): RecordedRequest[];
  /** Requests that matched no emulated route (404/405). */
  unknownRequests(): RecordedRequest[];
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number, describe?: string): Promise<T>;
  waitForRequest(method: string, route: string, timeoutMs?: number): Promise<RecordedRequest>;
  waitForMessages(channelId: string, count: number, timeoutMs?: number): Promise<ApiMessage[]>;
  waitForResume(count?: number, timeoutMs?: number): Promise<ResumeRecord>;
  /** Throws listing every limit violation, unknown route and emulator error so far. */
  assertNoViolations(options?: { allowUnknownRoutes?: boolean }): void;
  clearViolations(): void;
  /** Denies the bot permissions in a channel (member overwrite), announced with CHANNEL_UPDATE. */
  denyBot(channelId: string, permissions: bigint): void;
  /** Removes the bot's member overwrite in a channel again, announced with CHANNEL_UPDATE. */
  restoreBot(channelId: string): void;
  deleteChannel(channelId: string): void;
  close(): Promise<void>;
}

function sameRoute(request: RecordedRequest, route: string): boolean {
  const wanted = route.replace(/\/+$/, '');
  if (!wanted.includes(':')) return request.path === wanted;
  const norm = (t: string) => t.replace(/:[A-Za-z_]+/g, ':');
  return request.route !== null && norm(request.route) === norm(wanted);
}

function resolveOptions(options: DiscordEmulatorOptions): ResolvedOptions {
  return {
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    interactionTokenTtlMs: options.interactionTokenTtlMs ?? 15 * 60_000,
    nonceWindowMs: options.nonceWindowMs ?? 5 * 60_000,
    allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? 0,
    sharding: resolveSharding(options.sharding),
  };
}

export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const recorder = createRecorder();
  const state = createEmulatorState(options.guilds ?? createDefaultFixtures(), options.bot ?? {}, createSnowflakeGenerator());
  const faults = createFaultInjector();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const ctx: EmulatorContext = {
    state, recorder, options: resolveOptions(options), interactions: createInteractionRegistry(),
    gateway: { dispatch: () => 0 }, baseUrl: `http://127.0.0.1:${port}`, gatewayUrl: `ws://127.0.0.1:${port}`, nonces: new Map(),
  };
  const gateway = createGateway(ctx, ctx.gatewayUrl);
  ctx.gateway = gateway;
  const router = createRouter([...identityRoutes, ...channelRoutes, ...threadRoutes, ...interactionRoutes, ...webhookRoutes, ...commandRoutes, ...guildRoutes]);
  const closing = new AbortController();
  const messageLimit = options.messageRateLimit === undefined ? DISCORD_MESSAGE_LIMIT : options.messageRateLimit;
  const globalLimit = options.globalRateLimit === undefined ? DISCORD_GLOBAL_LIMIT : options.globalRateLimit;
  const rateLimiter = createRateLimiter(options.rateLimit ?? { limit: 50, windowMs: 1000 }, messageLimit ? { [MESSAGE_ROUTE]: messageLimit } : {});
  const globalLimiter = globalLimit ? createGlobalLimiter(globalLimit) : undefined;
  server.on('request', createRestHandler({ ctx, router, faults, rateLimiter, globalLimiter, closing: closing.signal }));
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));

  const emulator: DiscordEmulator = {
    apiBase: `${ctx.baseUrl}/api`,
    gatewayUrl: ctx.gatewayUrl,
    token: state.bot.token,
    applicationId: state.bot.applicationId,
    botUserId: state.bot.user.id,
    state,
    requests: recorder.requests,
    gatewayEvents: recorder.gateway,
    violations: recorder.violations,
    identifies: gateway.identifies,
    resumes: gateway.resumes,
    interactions: ctx.interactions.all,
    guild: (key) => createGuildRef(state, key),
    messages: (channelId) => visibleMessages(state, channelId),
    message: (id) => {
      const stored = state.messages.get(id);
      return stored && !stored.deleted ? stored.message : null;
    },
    commands: (guildId) => state.commands.get(guildId ?? 'global') ?? [],
    sendSlashCommand: (input) => sendSlashCommand(ctx, input),
    sendAutocomplete: (input) => sendAutocomplete(ctx, input),
    sendButton: (input) => sendButton(ctx, input),
    sendStringSelect: (input) => sendStringSelect(ctx, input),
    dispatch: (event, data, target) => gateway.dispatch(event, data, target),
    dropGateway: (dropOptions) => gateway.drop(dropOptions),
    requestReconnect: () => gateway.requestReconnect(),
    requestHeartbeat: () => gateway.requestHeartbeat(),
    invalidateSessions: (resumable) => gateway.invalidateSessions(resumable),
    failNext: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    pendingFaults: () => faults.pending(),
    requestsTo: (method, route) => recorder.requests.filter((r) => r.method === method.toUpperCase() && sameRoute(r, route)),
    unknownRequests: () => recorder.requests.filter((r) => r.route === null),
    waitFor: (check, timeoutMs = 5000, describe) => recorder.waitFor(check, timeoutMs, describe),
    waitForRequest: (method, route, timeoutMs = 5000) =>
      recorder.waitFor(() => emulator.requestsTo(method, route).at(-1), timeoutMs, `${method} ${route}`),
    waitForMessages: (channelId, count, timeoutMs = 5000) =>
      recorder.waitFor(() => {
        const list = visibleMessages(state, channelId);
        return list.length >= count ? list : null;
      }, timeoutMs, `${count} message(s) in channel ${channelId}`),
    waitForResume: (count = 1, timeoutMs = 10_000) =>
      recorder.waitFor(() => (gateway.resumes.length >= count ? gateway.resumes[count - 1] : null), timeoutMs, `gateway resume #${count}`),
    assertNoViolations(assertOptions = {}) {
      const lines = recorder.violations.map((v) => v.summary);
      if (!assertOptions.allowUnknownRoutes) {
        for (const r of emulator.unknownRequests()) lines.push(`[unknown-route] ${r.method} ${r.path} → ${r.status}`);
      }
      for (const e of recorder.internalErrors) lines.push(`[emulator-error] ${e.split('\n')[0] ?? e}`);
      if (lines.length > 0) throw new Error(`Discord emulator saw ${lines.length} problem(s):\n${lines.join('\n')}`);
    },
    clearViolations: () => {
      recorder.violations.length = 0;
    },
    denyBot: (channelId, permissions) => denyBotInChannel(ctx, channelId, permissions),
    restoreBot: (channelId) => restoreBotInChannel(ctx, channelId),
    deleteChannel: (channelId) => deleteChannel(ctx, channelId),
    async close() {
      closing.abort();
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return emulator;
}

export { createDefaultFixtures } from './fixtures';
export type { BotFixture, ChannelFixture, GuildFixture, MemberFixture, OverwriteFixture, RoleFixture } from './fixtures';
export { Permission, DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from './permissions';
export { MessageLimits } from './message-limits';
export type { FaultSpec } from './faults';
export type { BucketLimit } from './rate-limits';
export type { InteractionHandle, InteractionResponse } from './interaction-handle';
export type { AutocompleteInput, ButtonInput, SelectInput, SlashCommandInput } from './interaction-builder';
export type { OptionInput } from './interaction-options';
export type { RecordedGatewayEvent, RecordedRequest, Violation } from './recorder';
export type { ApiMessage, ApiApplicationCommand } from './api-types';
export type { IdentifyRecord, ResumeRecord, DropOptions } from './gateway';
export type { GuildRef } from './fixture-refs';
export type { DispatchTarget } from './context';
export type { ShardingOptions } from './sharding';
export { guildIdOnShard, shardOf } from './sharding';
