/** The REST side: /api/v10/... (and v9) on the emulator's HTTP server. Each request is parsed,
 * routed, authorised, rate limited, possibly failed on purpose, handled, and recorded. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isRecord } from './api-types';
import type { EmulatorContext, RestResult, RouteDefinition } from './context';
import { DiscordHttpError, notFoundRoute, unauthorized } from './discord-error';
import type { FaultInjector, FaultResponse } from './faults';
import type { ParsedBody } from './http-body';
import { readBody } from './http-body';
import type { GlobalLimiter, RateLimiter } from './rate-limits';
import type { RecordedRequest } from './recorder';
import type { Router } from './router';

export interface RestHandlerDeps {
  ctx: EmulatorContext;
  router: Router;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  /** The bot's global limit, over every route that needs the token (interaction routes do not). */
  globalLimiter?: GlobalLimiter;
  /** Aborted when the emulator closes: answers held back by a fault's delay stop waiting. */
  closing: AbortSignal;
}

interface Outcome {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
  injected?: string;
}

const API_PATH = /^\/api\/v(9|10)(\/.*)?$/;

function recordedHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name === 'authorization' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function decodeSegments(path: string): string[] | null {
  try {
    return path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
}

function allowedMentionsOf(body: unknown): unknown {
  if (!isRecord(body)) return undefined;
  const target = isRecord(body.data) ? body.data : body;
  const isMessage = ['content', 'embeds', 'components'].some((k) => k in target);
  return isMessage ? (target.allowed_mentions ?? null) : undefined;
}

function fromFault(fault: FaultResponse, extra: Record<string, string>): Outcome {
  return { status: fault.status === 'network' ? 0 : fault.status, body: fault.body, headers: { ...extra, ...fault.headers }, injected: fault.label };
}

function fromError(error: unknown, ctx: EmulatorContext): Outcome {
  if (error instanceof DiscordHttpError) return { status: error.status, body: error.body, headers: { ...error.headers } };
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  ctx.recorder.internalErrors.push(text);
  return { status: 500, body: { message: '500: Internal Server Error', code: 0 }, headers: {} };
}

function write(res: ServerResponse, outcome: Outcome): void {
  const headers: Record<string, string> = { ...outcome.headers };
  let payload: string | undefined;
  if (outcome.status !== 204 && outcome.body !== undefined) {
    if (typeof outcome.body === 'string') {
      payload = outcome.body;
      headers['content-type'] ??= 'text/plain';
    } else {
      payload = JSON.stringify(outcome.body);
      headers['content-type'] = 'application/json';
    }
  }
  res.writeHead(outcome.status, headers);
  res.end(payload);
}

async function runRoute(deps: RestHandlerDeps, route: RouteDefinition, params: Record<string, string>, req: IncomingMessage, method: string, path: string, query: URLSearchParams, parsed: ParsedBody, receivedAt: number): Promise<Outcome> {
  const { ctx } = deps;
  if (route.auth && req.headers.authorization !== `Bot ${ctx.state.bot.token}`) return fromError(unauthorized(), ctx);
  const globalWait = route.auth ? (deps.globalLimiter?.consume(receivedAt) ?? null) : null;
  if (globalWait !== null) {
    ctx.recorder.addViolation({
      kind: 'rate-limit', method, path, route: route.template,
      problems: [{ path: [], code: 'GLOBAL_RATE_LIMITED', message: "The client went over the bot's global rate limit" }],
    });
    return {
      status: 429, injected: 'global', body: { message: 'You are being rate limited.', retry_after: globalWait, global: true },
      headers: { 'retry-after': globalWait.toFixed(3), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    };
  }
  // Every routed response carries rate-limit headers; only bucketed routes are enforced.
  const decision = deps.rateLimiter.consume(method, route.template, params);
  const limitHeaders = decision.headers;
  if (route.bucketed !== false && !decision.allowed) {
    ctx.recorder.addViolation({
      kind: 'rate-limit', method, path, route: route.template,
      problems: [{ path: [], code: 'RATE_LIMITED', message: 'The client sent a request into an exhausted rate-limit bucket' }],
    });
    const retryAfter = decision.retryAfterSeconds;
    return {
      status: 429, injected: 'bucket', body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      headers: { ...limitHeaders, 'retry-after': retryAfter.toFixed(3), 'x-ratelimit-scope': 'user' },
    };
  }
  const fault = deps.faults.take(method, route.template, path);
  // A fault that fails the request is slow before Discord acts; one after handling acts at once and
  // is slow to answer (the client may be gone by then, and the message exists all the same).
  if (fault?.delayMs && !fault.afterHandling && (await held(fault.delayMs, deps.closing))) return DROPPED;
  if (fault && !fault.afterHandling) return fromFault(fault, limitHeaders);
  let result: RestResult;
  try {
    result = await route.handle({ method, path, params, query, body: parsed.body, files: parsed.files, receivedAt }, ctx);
  } catch (error) {
    if (fault) return fromFault(fault, limitHeaders);
    const outcome = fromError(error, ctx);
    return { ...outcome, headers: { ...limitHeaders, ...outcome.headers } };
  }
  if (fault?.delayMs && (await held(fault.delayMs, deps.closing))) return DROPPED;
  if (fault) return fromFault(fault, limitHeaders);
  return { status: result.status, body: result.body, headers: { ...limitHeaders, ...(result.headers ?? {}) } };
}

/** No answer at all: the connection is dropped (status 0 is never sent). */
const DROPPED: Outcome = { status: 0, headers: {} };

/**
 * Holds an answer back for a fault's delay; true when the emulator closed meanwhile. A held answer
 * must not outlive the emulator (its timer kept test workers from exiting).
 */
function held(ms: number, closing: AbortSignal): Promise<boolean> {
  return sleep(ms, false, { signal: closing }).catch(() => true);
}

export function createRestHandler(deps: RestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { ctx } = deps;
  return (req, res) => {
    const receivedAt = ctx.recorder.now();
    void (async () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const apiMatch = API_PATH.exec(url.pathname);
      const path = apiMatch ? (apiMatch[2] ?? '/') : url.pathname;
      const segments = decodeSegments(path);
      const query = Object.fromEntries(url.searchParams.entries());
      let parsed: ParsedBody = { body: undefined, files: [] };
      let routeTemplate: string | null = null;
      let params: Record<string, string> = {};
      let outcome: Outcome;
      try {
        parsed = await readBody(req);
        const match = apiMatch && segments ? deps.router.match(method, segments) : { kind: 'not-found' as const };
        if (match.kind === 'found') {
          routeTemplate = match.route.template;
          params = match.params;
          outcome = await runRoute(deps, match.route, params, req, method, segments ? `/${segments.join('/')}` : path, url.searchParams, parsed, receivedAt);
        } else if (match.kind === 'method-not-allowed') {
          outcome = { status: 405, body: { message: '405: Method Not Allowed', code: 0 }, headers: {} };
        } else {
          outcome = fromError(notFoundRoute(), ctx);
        }
      } catch (error) {
        outcome = fromError(error, ctx);
      }
      const entry: Omit<RecordedRequest, 'seq'> = {
        at: receivedAt, method, path: segments ? `/${segments.join('/')}` : path, rawUrl: req.url ?? '', route: routeTemplate, params, query,
        body: parsed.body, files: parsed.files, headers: recordedHeaders(req), status: outcome.status,
        responseBody: outcome.body, responseHeaders: outcome.status === 0 ? {} : outcome.headers, durationMs: ctx.recorder.now() - receivedAt,
        ...(outcome.injected ? { injected: outcome.injected } : {}),
      };
      const mentions = allowedMentionsOf(parsed.body);
      if (mentions !== undefined) entry.allowedMentions = mentions;
      if (outcome.status === 0) {
        req.socket.destroy();
      } else {
        write(res, outcome);
      }
      ctx.recorder.addRequest(entry);
    })();
  };
}
