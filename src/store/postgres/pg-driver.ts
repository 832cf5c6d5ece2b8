import type * as Pg from 'pg';

let driver: typeof Pg | undefined;

/**
 * The pg driver, loaded when a Postgres store is first used: a SQLite deployment never loads it
 * (about 4 MB of a console-mode process, measured). Types come from `import type`, which loads nothing.
 */
export function pgDriver(): typeof Pg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  driver ??= require('pg') as typeof Pg;
  return driver;
}

/** pg's escapeLiteral: a value written into a statement as a quoted literal. */
export function escapeLiteral(value: string): string {
  return pgDriver().escapeLiteral(value);
}
