import { dealLabel } from './deal-id';
import type { StatusFold, StatusPoint, StatusStep } from '../timeline';
import { foldStatus } from '../timeline';
import { entriesInScope } from '../timeline';
import { rankKinds } from './story-sources';
import type { DealEntry, DealRecord, Scope } from '../tracking-types';
import type { DealKind, DealStatus } from '../types';

/** What a deal view needs of a report: the fold's fields, its kinds and its story. */
export type ViewEntry = StatusPoint & Pick<DealEntry, 'kinds' | 'storyId'>;

/** A deal as one scope sees it: what `/deal status` and `/deal list` show. */
export interface DealViewOf<E extends ViewEntry> {
  id: string;
  parties: string[];
  /** "Netflix × Spotify". */
  label: string;
  status: DealStatus;
  unconfirmed: boolean;
  /** When the current status was set. */
  since: string;
  /** Kinds reported in the current chapter, most reported first. */
  kinds: DealKind[];
  chapter: number;
  chapterStartedAt: string;
  /** The latest report's time. */
  lastActivity: string;
  reports: number;
  stories: number;
  /** The latest reports, newest first, one per story (up to LATEST_REPORTS). */
  latest: E[];
}

/** A view with its reports whole (titles, links, sources). */
export type DealView = DealViewOf<DealEntry>;

export const LATEST_REPORTS = 5;

export function viewDeal(deal: DealRecord, scope: Scope): DealView | undefined {
  const visible = entriesInScope(deal.entries, scope);
  return buildDealView(deal, visible, foldStatus(visible));
}

/**
 * The view from entries already limited to a scope and their fold (so callers can cache the fold).
 * The entries may be whole reports or only what the view needs of them (the deal index keeps those).
 */
export function buildDealView<E extends ViewEntry>(deal: Pick<DealRecord, 'id' | 'parties'>, visible: readonly E[], fold: StatusFold<E>): DealViewOf<E> | undefined {
  const current = fold.current;
  if (current === null) return undefined;
  const chapterEntries = fold.entries.filter((_, i) => fold.chapterOf[i] === current.chapter);
  const latest: E[] = [];
  const seenStories = new Set<string>();
  for (let i = fold.entries.length - 1; i >= 0 && latest.length < LATEST_REPORTS; i -= 1) {
    const e = fold.entries[i] as E;
    if (seenStories.has(e.storyId)) continue;
    seenStories.add(e.storyId);
    latest.push(e);
  }
  return {
    id: deal.id,
    parties: deal.parties,
    label: dealLabel(deal.parties),
    status: current.status,
    unconfirmed: current.unconfirmed,
    since: current.since,
    kinds: rankKinds(chapterEntries.map((e) => e.kinds)),
    chapter: current.chapter,
    chapterStartedAt: current.chapterStartedAt,
    lastActivity: current.lastAt,
    reports: visible.length,
    stories: new Set(visible.map((e) => e.storyId)).size,
    latest,
  };
}

/** A status step of the timeline, with the report that made it. */
export interface TimelineStepView extends StatusStep<DealEntry> {
  /** Every report of the same story in scope (with their links), the step's report first. */
  sources: DealEntry[];
}

export interface TimelineChapter {
  chapter: number;
  startedAt: string;
  steps: TimelineStepView[];
  /** Every report of the chapter, oldest first. */
  entries: DealEntry[];
}

/** `/deal timeline`: every status change, with its date and sources, chapter by chapter. */
export interface TimelineView {
  deal: DealView;
  chapters: TimelineChapter[];
}

export function viewTimeline(deal: DealRecord, scope: Scope): TimelineView | undefined {
  const visible = entriesInScope(deal.entries, scope);
  const fold = foldStatus(visible);
  const view = buildDealView(deal, visible, fold);
  if (view === undefined) return undefined;
  const byStory = new Map<string, DealEntry[]>();
  for (const e of fold.entries) byStory.set(e.storyId, [...(byStory.get(e.storyId) ?? []), e]);
  const chapters = new Map<number, TimelineChapter>();
  fold.entries.forEach((e, i) => {
    const n = fold.chapterOf[i] ?? 1;
    const chapter = chapters.get(n) ?? { chapter: n, startedAt: e.at, steps: [], entries: [] };
    chapter.entries.push(e);
    chapters.set(n, chapter);
  });
  for (const step of fold.steps) chapters.get(step.chapter)?.steps.push(stepView(step, byStory));
  return { deal: view, chapters: [...chapters.values()] };
}

function stepView(step: StatusStep<DealEntry>, byStory: Map<string, DealEntry[]>): TimelineStepView {
  const others = (byStory.get(step.entry.storyId) ?? []).filter((e) => e !== step.entry);
  return { ...step, sources: [step.entry, ...others] };
}
