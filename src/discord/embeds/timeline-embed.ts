import type { TimelineStepView, TimelineView } from '../../deals/stories';
import type { StepReason } from '../../deals/timeline';
import { fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { STATUS_WORDS } from '../../deals/vocabulary';
import { discordTime, feedText, markdownLink, plural } from './text';

const SOURCES_PER_STEP = 3;

const REASONS: Record<StepReason, string> = {
  first: 'first report',
  advanced: 'moved on',
  confirmed: 'confirmed',
  ended: 'ended',
  new_chapter: 'new chapter',
  resumed: 'talks resumed',
};

/**
 * `/deal timeline`: every status change with its date and sources, chapter by chapter, oldest
 * first. When it does not fit, the oldest changes are left out (and counted), never the latest.
 */
export function renderTimeline(timeline: TimelineView): ReplyBody {
  const blocks: string[] = [];
  for (const chapter of timeline.chapters) {
    if (timeline.chapters.length > 1) blocks.push(`__Chapter ${chapter.chapter}__ · from ${discordTime(chapter.startedAt, 'D')} · ${plural(chapter.entries.length, 'report')}`);
    for (const step of chapter.steps) blocks.push(stepLine(step));
  }
  const { deal } = timeline;
  const summary = `${plural(deal.reports, 'report')} in ${plural(deal.stories, 'story', 'stories')}; ${plural(countSteps(timeline), 'status change')}.`;
  return {
    embeds: [
      fitEmbed({
        title: feedText(`${deal.label}: timeline`, LIMITS.title),
        description: `${summary}\n\n${keepLatest(blocks, LIMITS.description - summary.length - 2)}`,
        color: STATUS_WORDS[deal.status].color,
        footer: { text: 'Statuses only move forward within a chapter; a weaker later report ("reportedly") never moves a confirmed deal back.' },
      }),
    ],
  };
}

/** "<date> · 🤝 In talks (unconfirmed) — moved on · [Outlet](link), [Outlet](link) +2 more" */
export function stepLine(step: TimelineStepView): string {
  const to = STATUS_WORDS[step.to];
  const from = step.from && step.from !== step.to ? `${STATUS_WORDS[step.from].label} → ` : '';
  const sources = step.sources.slice(0, SOURCES_PER_STEP).map((s) => markdownLink(s.sourceName, s.link, 60));
  const more = step.sources.length > SOURCES_PER_STEP ? ` +${step.sources.length - SOURCES_PER_STEP} more` : '';
  const headline = feedText(step.entry.title, 140);
  return `${discordTime(step.at, 'D')} · ${to.emoji} **${from}${to.label}**${step.unconfirmed ? ' (unconfirmed)' : ''} — ${REASONS[step.reason]}\n> ${headline}\n> ${sources.join(', ')}${more}`;
}

function countSteps(timeline: TimelineView): number {
  return timeline.chapters.reduce((sum, c) => sum + c.steps.length, 0);
}

/** The latest blocks that fit in `max` characters, with a count of the earlier ones left out. */
function keepLatest(blocks: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = blocks.length - 1; i >= 0; i -= 1) {
    const block = blocks[i] as string;
    const note = `…${i + 1} earlier ${i === 0 ? 'line' : 'lines'} left out\n\n`;
    if (length + block.length + 2 + note.length > max) {
      kept.unshift(note.trimEnd());
      break;
    }
    kept.unshift(block);
    length += block.length + 2;
  }
  return kept.join('\n\n');
}
