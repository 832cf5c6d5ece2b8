/**
 * A failure of the store itself, as opposed to one bad record: the disk is full, the file is
 * read-only, corrupt or gone. Such a failure is the same for every record, so the work that met
 * it stops (a poll cycle is abandoned, its items stay where they were) instead of skipping records
 * one by one. The message names the file and says what to do.
 */
export class StoreFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreFailure';
  }
}

/**
 * A fenced write refused: the process no longer holds what the write depended on (the poll lease,
 * a claim on an outbox queue), because another process took it over. Like any store failure, it
 * stops the work that met it.
 */
export class FenceLostError extends StoreFailure {
  constructor(what: string) {
    super('FENCE_LOST', `${what}: another process took it over, so this process's write was refused`);
    this.name = 'FenceLostError';
  }
}

const WHAT: Record<string, string> = {
  SQLITE_FULL: 'the disk is full (or the store reached its size limit); free some space',
  SQLITE_READONLY: 'is read-only: Crossover must be able to write the file, the files beside it (-wal, -shm) and its folder',
  SQLITE_CORRUPT: 'is corrupt ("database disk image is malformed"); restore it from a backup, or move it away to start afresh',
  SQLITE_NOTADB: 'is not a SQLite database (another kind of file, or one damaged beyond recognition); point DATABASE_URL at another file, or move this one away',
  SQLITE_CANTOPEN: 'cannot be opened: check that the file and its folder exist and can be written',
  SQLITE_IOERR: 'could not be read or written (a disk I/O error)',
  SQLITE_PERM: 'cannot be accessed (permission denied)',
  SQLITE_AUTH: 'cannot be accessed (permission denied)',
};

/** The SQLite code of an error from the store, if it is one ("SQLITE_FULL"); extended codes are reduced to their family. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  return Object.keys(WHAT).find((known) => code === known || code.startsWith(`${known}_`)) ?? code;
}

/**
 * The error as a StoreFailure naming `file` when it is a failure of the whole store (see above);
 * undefined for anything else (a busy lock, a bad statement, an error that is not the store's).
 */
export function asStoreFailure(error: unknown, file: string): StoreFailure | undefined {
  if (error instanceof StoreFailure) return error;
  const code = sqliteCode(error);
  const what = code === undefined ? undefined : WHAT[code];
  if (!code || !what) return undefined;
  return new StoreFailure(code, `the store ${file} ${what.startsWith('the ') ? `cannot be written: ${what}` : what} (${code})`, { cause: error });
}
