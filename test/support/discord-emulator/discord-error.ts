/** Discord-shaped error responses: `{ message, code }`, and for form errors an `errors` tree. */
import type { JsonObject } from './api-types';

/** A problem with one field of a request body; `path` as Discord writes it (embeds.0.title). */
export interface FieldProblem {
  path: (string | number)[];
  code: string;
  message: string;
}

export class DiscordHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JsonObject,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

/** Known JSON error codes and their messages, as Discord words them. */
export const ErrorCode = {
  General: 0,
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownMember: 10007,
  UnknownMessage: 10008,
  UnknownUser: 10013,
  UnknownWebhook: 10015,
  UnknownApplicationCommand: 10063,
  UnknownInteraction: 10062,
  CannotEditOtherUsersMessage: 50005,
  CannotSendEmptyMessage: 50006,
  MissingAccess: 50001,
  MissingPermissions: 50013,
  InvalidWebhookToken: 50027,
  InvalidFormBody: 50035,
  InteractionAlreadyAcknowledged: 40060,
} as const;

const MESSAGES: Record<number, string> = {
  [ErrorCode.General]: 'General error',
  [ErrorCode.UnknownChannel]: 'Unknown Channel',
  [ErrorCode.UnknownGuild]: 'Unknown Guild',
  [ErrorCode.UnknownMember]: 'Unknown Member',
  [ErrorCode.UnknownMessage]: 'Unknown Message',
  [ErrorCode.UnknownUser]: 'Unknown User',
  [ErrorCode.UnknownWebhook]: 'Unknown Webhook',
  [ErrorCode.UnknownApplicationCommand]: 'Unknown application command',
  [ErrorCode.UnknownInteraction]: 'Unknown interaction',
  [ErrorCode.CannotEditOtherUsersMessage]: 'Cannot edit a message authored by another user',
  [ErrorCode.CannotSendEmptyMessage]: 'Cannot send an empty message',
  [ErrorCode.MissingAccess]: 'Missing Access',
  [ErrorCode.MissingPermissions]: 'Missing Permissions',
  [ErrorCode.InvalidWebhookToken]: 'Invalid Webhook Token',
  [ErrorCode.InvalidFormBody]: 'Invalid Form Body',
  [ErrorCode.InteractionAlreadyAcknowledged]: 'Interaction has already been acknowledged.',
};

export function errorMessageFor(code: number): string {
  return MESSAGES[code] ?? 'Unknown error';
}

export function discordError(status: number, code: number, message = errorMessageFor(code)): DiscordHttpError {
  return new DiscordHttpError(status, { message, code });
}

export function notFoundRoute(): DiscordHttpError {
  return new DiscordHttpError(404, { message: '404: Not Found', code: 0 });
}

export function unauthorized(): DiscordHttpError {
  return new DiscordHttpError(401, { message: '401: Unauthorized', code: 0 });
}

/** Nests problems as Discord does: `{ embeds: { 0: { title: { _errors: [{ code, message }] } } } }`. */
export function toErrorTree(problems: readonly FieldProblem[]): JsonObject {
  const root: JsonObject = {};
  for (const problem of problems) {
    let node = root;
    for (const segment of problem.path) {
      const key = String(segment);
      const next = node[key];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as JsonObject;
      else {
        const created: JsonObject = {};
        node[key] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? (node._errors as unknown[]) : [];
    list.push({ code: problem.code, message: problem.message });
    node._errors = list;
  }
  return root;
}

export function invalidFormBody(problems: readonly FieldProblem[]): DiscordHttpError {
  return new DiscordHttpError(400, { message: 'Invalid Form Body', code: ErrorCode.InvalidFormBody, errors: toErrorTree(problems) });
}

export function formatProblemPath(path: readonly (string | number)[]): string {
  return path.length === 0 ? '(body)' : path.map(String).join('.');
}
