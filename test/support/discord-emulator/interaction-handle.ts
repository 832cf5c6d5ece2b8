/** What a test holds after sending an interaction: wait for the bot's callback, its (edited) reply
 * and its follow-ups. */
import type { ApiMessage, JsonObject } from './api-types';
import type { EmulatorContext } from './context';
import type { InteractionRecord } from './interactions';

export interface InteractionResponse {
  type: number;
  data: JsonObject | null;
}

export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  /** The INTERACTION_CREATE data as sent. */
  readonly payload: JsonObject;
  /** Live record: callback, latency, rejected attempts, message ids. */
  readonly record: InteractionRecord;
  /** Whether Discord would hide this command from this member by default (its
   * default_member_permissions are not all held). Server admins can override that, which is why bots
   * also check at run time; the emulator delivers the interaction either way. */
  readonly hiddenByDefault: boolean;
  /** Waits for the accepted callback (type 4/5/6/7/8/9) and returns its body. */
  response(timeoutMs?: number): Promise<InteractionResponse>;
  /** Waits until the original response message exists and is no longer loading (a deferral is
   * followed by an edit), and returns it as it is then. */
  reply(timeoutMs?: number): Promise<ApiMessage>;
  /** The original response message now (after edits), or null. */
  original(): ApiMessage | null;
  /** Follow-up messages now (after edits). */
  followups(): ApiMessage[];
  /** Waits until at least `count` follow-ups exist. */
  waitForFollowups(count: number, timeoutMs?: number): Promise<ApiMessage[]>;
  /** Autocomplete: the choices the bot answered with. */
  choices(timeoutMs?: number): Promise<JsonObject[]>;
}

const DEFAULT_TIMEOUT_MS = 5000;

function describeRejections(record: InteractionRecord): string {
  if (record.rejected.length === 0) return 'no callback arrived';
  return `callback rejected: ${record.rejected.map((r) => `${r.status} ${JSON.stringify(r.body)}`).join('; ')}`;
}

export function createInteractionHandle(ctx: EmulatorContext, record: InteractionRecord, hiddenByDefault = false): InteractionHandle {
  const messageOf = (id: string | null) => (id ? (ctx.state.messages.get(id) ?? null) : null);
  const handle: InteractionHandle = {
    id: record.id,
    token: record.token,
    payload: record.payload,
    record,
    hiddenByDefault,
    async response(timeoutMs = DEFAULT_TIMEOUT_MS) {
      try {
        const callback = await ctx.recorder.waitFor(() => record.callback, timeoutMs, `the callback of interaction ${record.id}`);
        return { type: callback.type, data: callback.data };
      } catch (error) {
        throw new Error(`${(error as Error).message} (${describeRejections(record)})`, { cause: error });
      }
    },
    async reply(timeoutMs = DEFAULT_TIMEOUT_MS) {
      try {
        return await ctx.recorder.waitFor(() => {
          const stored = messageOf(record.originalMessageId);
          return stored && !stored.deleted && !record.loading ? stored.message : null;
        }, timeoutMs, `the reply to interaction ${record.id}`);
      } catch (error) {
        const state = record.loading ? 'deferred but never edited' : describeRejections(record);
        throw new Error(`${(error as Error).message} (${state})`, { cause: error });
      }
    },
    original() {
      const stored = messageOf(record.originalMessageId);
      return stored && !stored.deleted ? stored.message : null;
    },
    followups() {
      const out: ApiMessage[] = [];
      for (const id of record.followupIds) {
        const stored = messageOf(id);
        if (stored && !stored.deleted) out.push(stored.message);
      }
      return out;
    },
    waitForFollowups(count, timeoutMs = DEFAULT_TIMEOUT_MS) {
      return ctx.recorder.waitFor(() => (handle.followups().length >= count ? handle.followups() : null), timeoutMs, `${count} follow-up(s) to interaction ${record.id}`);
    },
    async choices(timeoutMs = DEFAULT_TIMEOUT_MS) {
      const response = await handle.response(timeoutMs);
      const choices = response.data?.choices;
      return Array.isArray(choices) ? (choices as JsonObject[]) : [];
    },
  };
  return handle;
}
