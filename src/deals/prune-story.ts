import type { Story } from './tracking-types';

/**
 * Retention for a story: its sources reported before `beforeMs` go, except its first (the one that
 * gives it its headline and link), so that an old story keeps a source to show. What the story says
 * of itself (parties, status, kinds, first and last time) is kept as it was: pruning forgets
 * reports, it does not rewrite history, and the deal's timeline keeps an entry for every report.
 * Undefined when there is nothing to prune.
 */
export function pruneStorySources(story: Story, beforeMs: number): Story | undefined {
  const kept = story.sources.filter((source, i) => i === 0 || !(Date.parse(source.at) < beforeMs));
  return kept.length === story.sources.length ? undefined : { ...story, sources: kept };
}
