/**
 * DATABASE_URL, read once here: `sqlite://path` (one machine) or `postgres://user:password@host:port/db`
 * (also `postgresql://`), as PRODUCT.md section 5 says. This is syntax only: whether this build can
 * open the store is decided when it starts (see check-store.ts).
 */
export type StoreLocation =
  | { kind: 'sqlite'; /** As written: a relative path is relative to the working folder. */ file: string }
  | { kind: 'postgres'; url: string; /** The URL with its password hidden, for messages and logs. */ shown: string };

export type ParsedStoreUrl = StoreLocation | { kind: 'invalid'; problem: string };

const POSTGRES = /^postgres(?:ql)?:\/\//i;

export function parseStoreUrl(url: string): ParsedStoreUrl {
  const sqlite = /^sqlite:\/\/(.*)$/i.exec(url);
  if (sqlite) {
    const file = sqlite[1] ?? '';
    if (file === '' || file === ':memory:') {
      return { kind: 'invalid', problem: 'needs a file path, such as sqlite://data/crossover.sqlite (an in-memory store would lose everything at each restart)' };
    }
    return { kind: 'sqlite', file };
  }
  if (POSTGRES.test(url)) return parsePostgresUrl(url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return {
    kind: 'invalid',
    problem: `${scheme ? `"${scheme}" is not a supported store` : 'is not a store URL'}: use sqlite://path/to/file.sqlite or postgres://user:password@host:port/database`,
  };
}

function parsePostgresUrl(url: string): ParsedStoreUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'invalid', problem: 'is not a valid Postgres URL: use postgres://user:password@host:port/database' };
  }
  const shown = hidePassword(parsed);
  if (!parsed.hostname) return { kind: 'invalid', problem: `${shown} names no host: use postgres://user:password@host:port/database` };
  if (parsed.pathname.replace(/^\//, '') === '') {
    return { kind: 'invalid', problem: `${shown} names no database: add it after the host, as in postgres://user:password@host:5432/crossover` };
  }
  return { kind: 'postgres', url, shown };
}

/** "postgres://bot:***@db:5432/crossover": a password never reaches a message or a log line. */
export function hidePassword(url: URL): string {
  if (!url.password) return url.href;
  const copy = new URL(url.href);
  copy.password = '***';
  return copy.href;
}

/** The URL as it may be shown: any password hidden, even in a URL too broken to parse. */
export function showStoreUrl(url: string): string {
  try {
    return hidePassword(new URL(url));
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}
