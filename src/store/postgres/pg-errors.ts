import { StoreFailure } from '../../shared/store-failure';

/**
 * What a failure from Postgres means for Crossover. `unavailable`: the server cannot be reached or
 * went away (an outage, a restart, a network cut): the same for every statement, so work stops and
 * is tried again once it answers. Anything else is the statement's own failure.
 */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = errorParts(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code)) return true;
    // SQLSTATE class 08: connection exception; 57P01–57P03: the server is shutting down or starting.
    if (/^08/.test(code) || code === '57P01' || code === '57P02' || code === '57P03') return true;
  }
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** pg's own wording for a connection that ended or never came (it sets no code on these). */
const CONNECTION_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /Client was closed and is not queryable/i,
  /Connection ended unexpectedly/i,
  /Query read timeout/i,
];

export function errorParts(error: unknown): { code?: string; message: string } {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' ? code : undefined, message };
}

/** Why the server could not be reached, in a few words ("connection refused"). */
export function describeConnectionLoss(error: unknown): string {
  const { code, message } = errorParts(error);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name does not resolve';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case '57P01':
    case '57P02':
      return 'the server is shutting down';
    case '57P03':
      return 'the server is starting up or shutting down';
    default:
      return /timeout exceeded when trying to connect/i.test(message) ? 'no connection within the time allowed' : message;
  }
}

/**
 * The error as a StoreFailure naming the store when it is a failure of the whole store (it cannot
 * be reached, it is out of disk, it is read-only, the user may not write); undefined for anything
 * else. The message never holds the password (`shown` is the URL with it hidden).
 */
export function asPgStoreFailure(error: unknown, shown: string): StoreFailure | undefined {
  if (error instanceof StoreFailure) return error;
  if (isConnectionLoss(error)) {
    return new StoreFailure('PG_UNAVAILABLE', `the store ${shown} cannot be reached (${describeConnectionLoss(error)}); work that needs it stops and is tried again`, { cause: error });
  }
  const { code, message } = errorParts(error);
  const what = code === undefined ? undefined : WHOLE_STORE[code];
  if (code === undefined || what === undefined) return undefined;
  return new StoreFailure(`PG_${code}`, `the store ${shown} ${what} (${message})`, { cause: error });
}

/** SQLSTATEs that fail every write the same way. */
const WHOLE_STORE: Record<string, string> = {
  '53100': 'cannot be written: the server is out of disk space',
  '53200': 'cannot be written: the server is out of memory',
  '53300': 'has no connection left for Crossover (too many connections)',
  '25006': 'is read-only (a standby, or default_transaction_read_only)',
  '42501': 'refuses Crossover\'s user (permission denied)',
  '28P01': 'refuses the password',
  '28000': 'refuses Crossover\'s user',
  '3D000': 'names a database that does not exist',
};
