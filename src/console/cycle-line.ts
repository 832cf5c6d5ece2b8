import type { FeedState } from '../feeds/poll';
import { isOffWhileGuarded } from '../feeds/poll';
import type { CycleSummary } from '../feeds/poll';

/** "2026-11-24 10:40 UTC" */
export function consoleTime(iso: string | Date): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** When a failing feed is tried again, in a few words: "next try 2026-11-24 10:45 UTC (2 failures in a row)". */
export function describeRetry(state: FeedState): string {
  if (isOffWhileGuarded(state)) return 'off while private addresses are not allowed (ALLOW_PRIVATE_FEED_HOSTS)';
  const when = state.nextPollAt ? consoleTime(state.nextPollAt) : 'the next cycle';
  if (state.disabled) return `disabled, tried again ${when}`;
  const failures = state.consecutiveFailures === 1 ? '1 failure' : `${state.consecutiveFailures} failures in a row`;
  return `next try ${when} (${failures})`;
}

/**
 * Console mode's line after each cycle: what was polled, which feeds are backing off (also those
 * skipped because an earlier run left them backing off), and when the next poll is.
 */
export function describeCycle(summary: CycleSummary, nextPoll: Date | undefined): string {
  const parts = [
    `${summary.polled + summary.notModified} of ${summary.feeds} feeds polled` +
      (summary.notModified > 0 ? ` (${summary.notModified} unchanged)` : '') +
      `, ${summary.newItems === 1 ? '1 new item' : `${summary.newItems} new items`}` +
      (summary.failed > 0 ? `, ${summary.failed} failed` : ''),
  ];
  if (summary.waiting.length > 0) {
    const shown = summary.waiting.slice(0, 5).map(({ feed, state }) => `${feed.name}: ${describeRetry(state)}`);
    const more = summary.waiting.length > shown.length ? `; and ${summary.waiting.length - shown.length} more` : '';
    parts.push(`not polled, backing off: ${shown.join('; ')}${more}`);
  }
  if (summary.aborted) parts.push('stopped early by shutdown');
  parts.push(nextPoll ? `next poll ${consoleTime(nextPoll)}` : 'no next poll (--once)');
  return `— Cycle done: ${parts.join('; ')}.`;
}
