/** What every REST route and helper is handed: the state, the recorder and the other parts. */
import type { JsonObject } from './api-types';
import type { InteractionRegistry } from './interactions';
import type { RecordedFile, Recorder } from './recorder';
import type { ResolvedSharding } from './sharding';
import type { EmulatorState } from './state';

export interface ResolvedOptions {
  heartbeatIntervalMs: number;
  interactionDeadlineMs: number;
  interactionTokenTtlMs: number;
  nonceWindowMs: number;
  allowedPrivilegedIntents: number;
  sharding: ResolvedSharding;
}

export interface DispatchTarget {
  /** Only sessions that asked for this intent. */
  intent?: number;
  /** Only the sessions whose shard holds this guild (default: the data's guild_id; without one, shard 0). */
  guildId?: string;
  /** Deliver to one session (the newest live one), as Discord does for interactions. */
  single?: boolean;
}

export interface Dispatcher {
  /** Sends a dispatch event to the live gateway sessions that match `target`. Returns how many
   * sessions got it (sent now, or buffered for a resume when disconnected). */
  dispatch(event: string, data: JsonObject, target?: DispatchTarget): number;
}

export interface EmulatorContext {
  state: EmulatorState;
  recorder: Recorder;
  options: ResolvedOptions;
  interactions: InteractionRegistry;
  gateway: Dispatcher;
  /** http://127.0.0.1:port — for attachment URLs. */
  baseUrl: string;
  /** ws://127.0.0.1:port — what GET /gateway/bot answers. */
  gatewayUrl: string;
  /** Nonce cache: `${authorId}:${nonce}` to message id and when it was created. */
  nonces: Map<string, { messageId: string; at: number }>;
}

export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: RecordedFile[];
  /** Recorder time when the request arrived. */
  receivedAt: number;
}

export interface RestResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  template: string;
  /** Whether `Authorization: Bot <token>` is required (interaction and webhook-token routes: no). */
  auth: boolean;
  /** Whether the per-route buckets apply (interaction callbacks are not bucketed). */
  bucketed?: boolean;
  handle(request: RestRequest, ctx: EmulatorContext): RestResult | Promise<RestResult>;
}

export const GatewayIntent = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;

export const PRIVILEGED_INTENTS = GatewayIntent.GuildMembers | GatewayIntent.GuildPresences | GatewayIntent.MessageContent;

export function json(status: number, body: unknown): RestResult {
  return { status, body };
}

export function noContent(): RestResult {
  return { status: 204 };
}

export function bodyObject(body: unknown): JsonObject {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as JsonObject) : {};
}
