/** Interactions the emulator created, and what the bot did with each (callback, edits, follow-ups). */
import type { JsonObject } from './api-types';

export interface InteractionCallbackRecord {
  type: number;
  data: JsonObject | null;
  /** Recorder time when the callback request arrived. */
  at: number;
  /** From INTERACTION_CREATE being sent to the callback request arriving, in ms. */
  latencyMs: number;
  withResponse: boolean;
}

export interface RejectedCallback {
  status: number;
  body: unknown;
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  /** 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
  type: number;
  guildId: string | null;
  channelId: string;
  userId: string;
  /** The INTERACTION_CREATE data as sent. */
  payload: JsonObject;
  /** Recorder time when INTERACTION_CREATE was dispatched. */
  createdAt: number;
  callback: InteractionCallbackRecord | null;
  rejected: RejectedCallback[];
  /** The message the response created (types 4 and 5), or the component's message (6 and 7). */
  originalMessageId: string | null;
  /** For component interactions: the message the component was on. */
  componentMessageId: string | null;
  followupIds: string[];
  /** Deferred with type 5 and not yet edited or followed up. */
  loading: boolean;
  ephemeral: boolean;
  /** How many times the original response was edited. */
  edits: number;
}

export interface InteractionRegistry {
  readonly all: InteractionRecord[];
  add(record: InteractionRecord): void;
  byId(id: string): InteractionRecord | undefined;
  byToken(token: string): InteractionRecord | undefined;
}

export function createInteractionRegistry(): InteractionRegistry {
  const all: InteractionRecord[] = [];
  const ids = new Map<string, InteractionRecord>();
  const tokens = new Map<string, InteractionRecord>();
  return {
    all,
    add(record) {
      all.push(record);
      ids.set(record.id, record);
      tokens.set(record.token, record);
    },
    byId: (id) => ids.get(id),
    byToken: (token) => tokens.get(token),
  };
}

export function createInteractionToken(id: string): string {
  const random = Array.from({ length: 3 }, () => Math.random().toString(36).slice(2)).join('');
  return Buffer.from(`interaction:${id}:${random}`).toString('base64url');
}
