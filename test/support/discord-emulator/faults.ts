/** Fault injection: the next matching request(s) fail the way Discord fails. */
import type { JsonObject } from './api-types';
import { errorMessageFor, ErrorCode } from './discord-error';

export interface FaultSpec {
  /** HTTP method; any when absent. */
  method?: string;
  /** A route template ('/channels/:id/messages', parameter names do not matter) or a concrete path
   * ('/channels/1234/messages') to hit one channel only. */
  route: string;
  /** 429 rate limit, 5xx, 4xx with a Discord error, or 'network' (the socket is destroyed). */
  status: 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504 | 'network';
  /** How many matching requests fail (default 1; Infinity for all). */
  times?: number;
  /** 429: seconds to wait (default 0.2). */
  retryAfter?: number;
  /** 429: X-RateLimit-Scope (default 'user'); 'global' also sets X-RateLimit-Global. */
  scope?: 'user' | 'shared' | 'global';
  /** 4xx: Discord's JSON error code (403 defaults to 50001 Missing Access, 404 to 10003 Unknown Channel). */
  code?: number;
  message?: string;
  /** Handle the request normally (the message IS created), then answer with the fault anyway: what a
   * client sees when a response is lost after Discord acted on the request. */
  afterHandling?: boolean;
  /** Wait this long before answering (with or without a failure status); with `afterHandling` the
   * request is acted on at once and only the answer waits. */
  delayMs?: number;
}

export interface FaultResponse {
  status: number | 'network';
  body?: JsonObject | string;
  headers: Record<string, string>;
  afterHandling: boolean;
  delayMs: number;
  label: string;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

export interface FaultInjector {
  add(spec: FaultSpec): void;
  /** Consumes one matching fault, if any. */
  take(method: string, template: string | null, path: string): FaultResponse | null;
  pending(): FaultSpec[];
  clear(): void;
}

function normalizeTemplate(template: string): string {
  return template.replace(/:[A-Za-z_]+/g, ':').replace(/\/+$/, '');
}

function matches(spec: FaultSpec, method: string, template: string | null, path: string): boolean {
  if (spec.method && spec.method.toUpperCase() !== method) return false;
  const wanted = spec.route.replace(/\/+$/, '');
  if (wanted.includes(':')) return template !== null && normalizeTemplate(wanted) === normalizeTemplate(template);
  return wanted === path.replace(/\/+$/, '');
}

function defaultCode(status: number): number {
  if (status === 403) return ErrorCode.MissingAccess;
  if (status === 404) return ErrorCode.UnknownChannel;
  return ErrorCode.General;
}

export function buildFaultResponse(spec: FaultSpec): FaultResponse {
  const base = { afterHandling: spec.afterHandling ?? false, delayMs: spec.delayMs ?? 0, headers: {} as Record<string, string> };
  const { status } = spec;
  if (status === 'network') return { ...base, status, label: 'network' };
  if (status === 429) {
    const retryAfter = spec.retryAfter ?? 0.2;
    const scope = spec.scope ?? 'user';
    const headers: Record<string, string> = {
      'retry-after': String(retryAfter),
      'x-ratelimit-scope': scope,
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': retryAfter.toFixed(3),
    };
    if (scope === 'global') headers['x-ratelimit-global'] = 'true';
    return { ...base, status, headers, label: '429', body: { message: spec.message ?? 'You are being rate limited.', retry_after: retryAfter, global: scope === 'global' } };
  }
  if (status >= 500) {
    // Discord's edge answers 502/503/504 with an HTML page, not JSON.
    if (status !== 500) return { ...base, status, label: String(status), body: `<html><body><h1>${status}</h1></body></html>`, headers: { 'content-type': 'text/html' } };
    return { ...base, status, label: '500', body: { message: spec.message ?? '500: Internal Server Error', code: 0 } };
  }
  const code = spec.code ?? defaultCode(status);
  const message = spec.message ?? (status === 401 ? '401: Unauthorized' : errorMessageFor(code));
  return { ...base, status, label: `${status}/${code}`, body: { message, code } };
}

export function createFaultInjector(): FaultInjector {
  const faults: ActiveFault[] = [];
  return {
    add(spec) {
      faults.push({ spec, remaining: spec.times ?? 1 });
    },
    take(method, template, path) {
      const index = faults.findIndex((f) => f.remaining > 0 && matches(f.spec, method, template, path));
      const fault = faults[index];
      if (!fault) return null;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults.splice(index, 1);
      return buildFaultResponse(fault.spec);
    },
    pending: () => faults.map((f) => ({ ...f.spec, times: f.remaining })),
    clear() {
      faults.length = 0;
    },
  };
}
