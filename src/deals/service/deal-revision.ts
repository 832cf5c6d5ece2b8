import { randomUUID } from 'node:crypto';
import type { DealLogEntry, DealNamespaces, DealRevision } from './deal-namespaces';

/**
 * The revision counter that lets every process's cache notice writes made by others: each write
 * bumps it and logs which deals and stories it changed. A cache at revision r reads the log from
 * r + 1 (a few key reads); one that is too far behind, or sees a new epoch (a rebuild), reloads.
 *
 * Writers are expected to be serialised (one process records deals at a time); two processes
 * bumping at the same instant could lose one log entry, which a reload (a restart) repairs.
 */
export const REVISION_KEY = 'revision';
/** Log entries kept: a cache further behind than this reloads everything. */
export const LOG_KEEP = 5000;
/** Old log entries are deleted this many at a time. */
const LOG_PRUNE_EVERY = 100;

export const EMPTY_REVISION: DealRevision = { epoch: '', rev: 0 };

export async function readRevision(ns: Pick<DealNamespaces, 'meta'>): Promise<DealRevision> {
  return (await ns.meta.get(REVISION_KEY)) ?? EMPTY_REVISION;
}

/** `read`: the revision as the same writer already read it (tracking reads it first), so it is not read again. */
export async function bumpRevision(ns: Pick<DealNamespaces, 'meta' | 'log'>, change: DealLogEntry, read?: DealRevision): Promise<{ before: DealRevision; after: DealRevision }> {
  const before = read ?? (await readRevision(ns));
  const after = { epoch: before.epoch === '' ? randomUUID() : before.epoch, rev: before.rev + 1 };
  await ns.log.set(String(after.rev), change);
  await ns.meta.set(REVISION_KEY, after);
  if (after.rev > LOG_KEEP && after.rev % LOG_PRUNE_EVERY === 0) {
    const from = after.rev - LOG_KEEP - LOG_PRUNE_EVERY;
    await ns.log.deleteMany(Array.from({ length: LOG_PRUNE_EVERY }, (_, i) => String(from + 1 + i)));
  }
  return { before, after };
}

/** A new epoch: every cache reloads. */
export async function startNewEpoch(ns: Pick<DealNamespaces, 'meta'>): Promise<DealRevision> {
  const revision = { epoch: randomUUID(), rev: 1 };
  await ns.meta.set(REVISION_KEY, revision);
  return revision;
}

/** The log entries after `from` up to `to`, or undefined when one is missing (too old: reload). */
export async function readLog(ns: Pick<DealNamespaces, 'log'>, from: number, to: number): Promise<DealLogEntry[] | undefined> {
  if (to - from > LOG_KEEP) return undefined;
  const keys = Array.from({ length: to - from }, (_, i) => String(from + 1 + i));
  const out: DealLogEntry[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const found = await ns.log.getMany(keys.slice(i, i + 500));
    for (const entry of found) {
      if (entry === undefined) return undefined;
      out.push(entry);
    }
  }
  return out;
}
