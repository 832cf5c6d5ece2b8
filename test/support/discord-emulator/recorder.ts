/** Everything the emulator saw: REST requests, gateway traffic, limit violations. Tests read it and
 * wait on it (`waitFor` re-checks a predicate every time something is recorded). */
import { EventEmitter } from 'node:events';
import type { FieldProblem } from './discord-error';
import { formatProblemPath } from './discord-error';

export interface RecordedFile {
  field: string;
  filename: string;
  size: number;
  contentType: string;
}

export interface RecordedRequest {
  seq: number;
  /** Milliseconds since the emulator started (performance clock). */
  at: number;
  method: string;
  /** The path after the API version, decoded (`/webhooks/1/abc/messages/@original`). */
  path: string;
  /** The request target exactly as received (`/api/v10/webhooks/1/abc/messages/%40original?…`). */
  rawUrl: string;
  /** The route template that matched (`/channels/:channelId/messages`), null for an unknown route. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
  /** Request headers, lower-cased, without authorization. */
  headers: Record<string, string>;
  /** allowed_mentions of a message body, when the body had one (null when absent). */
  allowedMentions?: unknown;
  status: number;
  responseBody: unknown;
  /** Response headers sent (rate-limit headers included); empty for a dropped connection. */
  responseHeaders: Record<string, string>;
  /** Set when the response came from fault injection or a rate limit. */
  injected?: string;
  durationMs: number;
}

export interface RecordedGatewayEvent {
  seq: number;
  at: number;
  direction: 'sent' | 'received';
  connectionId: number;
  sessionId: string | null;
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
}

export type ViolationKind = 'message' | 'command' | 'autocomplete' | 'modal' | 'interaction' | 'rate-limit' | 'gateway';

export interface Violation {
  at: number;
  kind: ViolationKind;
  method?: string;
  path?: string;
  route?: string | null;
  problems: FieldProblem[];
  summary: string;
}

export interface Recorder {
  readonly requests: RecordedRequest[];
  readonly gateway: RecordedGatewayEvent[];
  readonly violations: Violation[];
  /** Exceptions inside the emulator itself (answered with 500): a bug here, not in the bot. */
  readonly internalErrors: string[];
  now(): number;
  addRequest(request: Omit<RecordedRequest, 'seq'>): RecordedRequest;
  addGateway(event: Omit<RecordedGatewayEvent, 'seq' | 'at'>): void;
  addViolation(violation: Omit<Violation, 'at' | 'summary'> & { summary?: string }): Violation;
  /** Signals that something observable changed (state, interactions), for waiters. */
  touch(): void;
  /** Resolves with the predicate's first truthy value; re-checked on every recorded change and every 20 ms. */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs: number, describe?: string): Promise<T>;
  clear(): void;
}

export function describeViolation(v: Omit<Violation, 'at' | 'summary'>): string {
  const where = v.method ? `${v.method} ${v.path ?? ''}` : v.kind;
  const what = v.problems.map((p) => `${formatProblemPath(p.path)}: ${p.message}`).join('; ');
  return `[${v.kind}] ${where} — ${what}`;
}

export function createRecorder(): Recorder {
  const started = performance.now();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let seq = 0;
  const recorder: Recorder = {
    requests: [],
    gateway: [],
    violations: [],
    internalErrors: [],
    now: () => performance.now() - started,
    addRequest(request) {
      const entry = { ...request, seq: ++seq };
      recorder.requests.push(entry);
      events.emit('change');
      return entry;
    },
    addGateway(event) {
      recorder.gateway.push({ ...event, seq: ++seq, at: recorder.now() });
      events.emit('change');
    },
    addViolation(violation) {
      const entry: Violation = { ...violation, at: recorder.now(), summary: violation.summary ?? describeViolation(violation) };
      recorder.violations.push(entry);
      events.emit('change');
      return entry;
    },
    touch() {
      events.emit('change');
    },
    waitFor(check, timeoutMs, describe = 'condition') {
      return new Promise((resolve, reject) => {
        const onChange = () => {
          let value: ReturnType<typeof check>;
          try {
            value = check();
          } catch (error) {
            cleanup();
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value !== undefined && value !== null && value !== false) {
            cleanup();
            resolve(value);
          }
        };
        const cleanup = () => {
          clearTimeout(timer);
          clearInterval(poll);
          events.off('change', onChange);
        };
        // Predicates may also read the client's side, which emits nothing here: poll as well.
        const poll = setInterval(onChange, 20);
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`discord emulator: timed out after ${timeoutMs} ms waiting for ${describe}`));
        }, timeoutMs);
        events.on('change', onChange);
        onChange();
      });
    },
    clear() {
      recorder.requests.length = 0;
      recorder.gateway.length = 0;
      recorder.violations.length = 0;
    },
  };
  return recorder;
}
