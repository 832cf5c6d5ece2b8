import type { DealStatus } from '../types';

/**
 * A deal's current status as a pure function of its timeline (already limited to one scope).
 *
 * Rules, applied to the entries oldest first:
 * - Progress only moves forward within a chapter: rumored < in_talks < announced < launched. A later
 *   report of a lower stage ("reportedly in talks" after "announced") changes nothing; a report of a
 *   higher stage moves it even when unconfirmed (it is then marked unconfirmed).
 * - A confirmed report of the same stage confirms an unconfirmed status (`since` does not move).
 * - `ended` and `denied` move it, except that an UNCONFIRMED ending or denial does not undo a
 *   CONFIRMED announced or launched deal (hearsay against a party's own announcement). An unconfirmed
 *   "talks collapsed" does end unconfirmed or rumored/in-talks deals: that is how collapses are reported.
 * - A new chapter starts when an entry comes more than CHAPTER_GAP_DAYS after the previous one (the
 *   same parties years later with a new subject), or when talks resume after `ended`/`denied`. A bare
 *   rumour within RUMOR_RESUME_DAYS of an end or denial is the old rumour still circulating, not new talks.
 * - A late source of a story older than the current status (a repost of the rumour after the denial)
 *   never moves the status: it belongs to the past.
 */
export const CHAPTER_GAP_DAYS = 365;
export const RUMOR_RESUME_DAYS = 30;

const DAY_MS = 86_400_000;
const PROGRESS_RANK: Record<DealStatus, number> = {
  rumored: 0,
  in_talks: 1,
  announced: 2,
  launched: 3,
  ended: -1,
  denied: -1,
};

export function isTerminalStatus(status: DealStatus): boolean {
  return status === 'ended' || status === 'denied';
}

/** What the fold needs of an entry (deal entries and story sources both have it). */
export interface StatusPoint {
  at: string;
  status: DealStatus;
  unconfirmed: boolean;
  storyId?: string;
  itemId: string;
}

export interface CurrentStatus<E extends StatusPoint> {
  status: DealStatus;
  unconfirmed: boolean;
  /** When the current status was set (the entry that set it). */
  since: string;
  setBy: E;
  /** The confirmed report that confirmed it later, if any. */
  confirmedBy?: E;
  /** 1-based. */
  chapter: number;
  chapterStartedAt: string;
  /** The latest entry's time. */
  lastAt: string;
}

export type StepReason = 'first' | 'advanced' | 'confirmed' | 'ended' | 'new_chapter' | 'resumed';

export interface StatusStep<E extends StatusPoint> {
  at: string;
  from: DealStatus | null;
  to: DealStatus;
  unconfirmed: boolean;
  chapter: number;
  reason: StepReason;
  entry: E;
}

export interface StatusFold<E extends StatusPoint> {
  current: CurrentStatus<E> | null;
  steps: StatusStep<E>[];
  /** The chapter of each entry, in the order of `entries` (sorted oldest first). */
  chapterOf: number[];
  entries: readonly E[];
}

export function compareStatusPoints(a: StatusPoint, b: StatusPoint): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return ta !== tb ? ta - tb : compareItemIds(a, b);
}

/** Points of the same time: by item id, so that every reader puts them in one order. */
function compareItemIds(a: StatusPoint, b: StatusPoint): number {
  return a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0;
}

/**
 * Points in compareStatusPoints's order (time, then item id), each time parsed once; the same array
 * when it already is (a story's sources come in any order and are folded at every report).
 */
export function inStatusOrder<E extends StatusPoint>(points: readonly E[]): readonly E[] {
  const keyed = points.map((point) => ({ point, ms: Date.parse(point.at) }));
  const before = (a: { point: E; ms: number }, b: { point: E; ms: number }) => a.ms - b.ms || compareItemIds(a.point, b.point);
  for (let i = 1; i < keyed.length; i += 1) {
    if (before(keyed[i - 1] as { point: E; ms: number }, keyed[i] as { point: E; ms: number }) > 0) return keyed.sort(before).map((k) => k.point);
  }
  return points;
}

export function foldStatus<E extends StatusPoint>(input: readonly E[]): StatusFold<E> {
  const entries = inStatusOrder(input);
  const steps: StatusStep<E>[] = [];
  const chapterOf: number[] = [];
  const storyFirstAt = new Map<string, number>();
  const state: { current: CurrentStatus<E> | null } = { current: null };
  let lastMs = Number.NEGATIVE_INFINITY;

  const set = (e: E, reason: StepReason, chapter: number): void => {
    const previous = state.current;
    const from = previous?.status ?? null;
    const newChapter = reason === 'first' || reason === 'new_chapter' || reason === 'resumed';
    state.current = {
      status: e.status,
      unconfirmed: e.unconfirmed,
      since: e.at,
      setBy: e,
      chapter,
      chapterStartedAt: newChapter ? e.at : (previous?.chapterStartedAt ?? e.at),
      lastAt: e.at,
    };
    steps.push({ at: e.at, from, to: e.status, unconfirmed: e.unconfirmed, chapter, reason, entry: e });
  };

  for (const e of entries) {
    const ms = Date.parse(e.at);
    if (e.storyId !== undefined && !storyFirstAt.has(e.storyId)) storyFirstAt.set(e.storyId, ms);
    const cur = state.current;
    if (cur === null) set(e, 'first', 1);
    else if (ms - lastMs > CHAPTER_GAP_DAYS * DAY_MS) set(e, 'new_chapter', cur.chapter + 1);
    else if (!isStale(e, cur, storyFirstAt)) applyWithinChapter(e, cur, ms, set, steps);
    const after = state.current;
    if (after !== null) after.lastAt = e.at;
    chapterOf.push(after?.chapter ?? 1);
    lastMs = Math.max(lastMs, ms);
  }
  return { current: state.current, steps, chapterOf, entries };
}

/** A source of a story that began before the current status was set, and is not that status's story. */
function isStale<E extends StatusPoint>(e: E, cur: CurrentStatus<E>, storyFirstAt: Map<string, number>): boolean {
  if (e.storyId === undefined || e.storyId === cur.setBy.storyId) return false;
  const first = storyFirstAt.get(e.storyId);
  return first !== undefined && first < Date.parse(cur.since);
}

function applyWithinChapter<E extends StatusPoint>(
  e: E,
  cur: CurrentStatus<E>,
  ms: number,
  set: (e: E, reason: StepReason, chapter: number) => void,
  steps: StatusStep<E>[],
): void {
  const confirm = (): void => {
    cur.unconfirmed = false;
    cur.confirmedBy = e;
    steps.push({ at: e.at, from: cur.status, to: cur.status, unconfirmed: false, chapter: cur.chapter, reason: 'confirmed', entry: e });
  };
  if (isTerminalStatus(cur.status)) {
    if (isTerminalStatus(e.status)) {
      if (e.status !== cur.status && (!e.unconfirmed || cur.unconfirmed)) set(e, 'ended', cur.chapter);
      else if (e.status === cur.status && cur.unconfirmed && !e.unconfirmed) confirm();
      return;
    }
    const sinceEnd = ms - Date.parse(cur.since);
    if (e.status === 'rumored' && sinceEnd < RUMOR_RESUME_DAYS * DAY_MS) return;
    set(e, 'resumed', cur.chapter + 1);
    return;
  }
  if (isTerminalStatus(e.status)) {
    const firmDeal = !cur.unconfirmed && PROGRESS_RANK[cur.status] >= PROGRESS_RANK.announced;
    if (!e.unconfirmed || !firmDeal) set(e, 'ended', cur.chapter);
    return;
  }
  const rank = PROGRESS_RANK[e.status];
  const currentRank = PROGRESS_RANK[cur.status];
  if (rank > currentRank) set(e, 'advanced', cur.chapter);
  else if (rank === currentRank && cur.unconfirmed && !e.unconfirmed) confirm();
}
