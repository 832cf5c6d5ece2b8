import fs from 'node:fs';

/**
 * The posts console mode has printed, as it can read them back: an append-only file of post ids
 * written (synchronously, so a killed process keeps it) just before each post is printed. It is to
 * stdout what a channel's history is to Discord: after a crash, a post that may have been printed is
 * looked up here instead of printed again. Only the latest ids matter (a crash leaves at most a few
 * posts in doubt), so the file is trimmed when it is opened.
 */
export interface PrintedJournal {
  has(id: string): boolean | Promise<boolean>;
  /** Done (and, for a journal in a shared store, committed) before the post is printed. */
  add(id: string): void | Promise<void>;
}

const KEEP = 1000;

export function openPrintedJournal(file: string): PrintedJournal {
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const kept = lines.slice(-KEEP);
  if (kept.length < lines.length) fs.writeFileSync(file, kept.map((id) => `${id}\n`).join(''));
  const printed = new Set(kept);
  let fd: number | undefined;
  return {
    has: (id) => printed.has(id),
    add(id) {
      fd ??= fs.openSync(file, 'a');
      fs.writeSync(fd, `${id}\n`);
      printed.add(id);
    },
  };
}

/** An in-memory journal, for runs that keep nothing (tests of other things). */
export function memoryJournal(): PrintedJournal {
  const printed = new Set<string>();
  return { has: (id) => printed.has(id), add: (id) => void printed.add(id) };
}
