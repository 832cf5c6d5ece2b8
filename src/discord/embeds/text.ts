import { escapeMarkdown } from 'discord.js';
import { cut, neutraliseMentions } from './limits';

/**
 * Small text helpers for replies and posts. Anything that came from a feed or a member goes through
 * `feedText`: folded to one line, made inert (`inertText`), cut to the room it has.
 */
export function feedText(text: string, max: number): string {
  // Cut before escaping too, so a huge text costs no more than the part that is shown.
  const shown = cut(text.slice(0, max * 2 + 100).replace(/\s+/g, ' ').trim(), max);
  return cut(inertText(shown), max);
}

/**
 * Text shown, never obeyed: mentions broken, and every piece of Discord markdown escaped, masked
 * links (`[text](url)`), headings, subtext, block quotes and lists included, so "*" or "_" stays a
 * character and nobody's text becomes a link, a heading or a ping.
 */
export function inertText(text: string): string {
  // escapeMarkdown doubles every backslash first, so each bracket escaped here is a bare one.
  const escaped = escapeMarkdown(neutraliseMentions(text), { heading: true, bulletedList: true, numberedList: true });
  return escaped.replace(/[[\]]/g, '\\$&').replace(/^(\s*)(>|-#)/gm, '$1\\$2');
}

/** The longest link put into text; a longer one is left out (the post still has it as its url). */
export const MAX_TEXT_LINK = 512;
/** Discord's limit on an embed's url. */
export const MAX_EMBED_URL = 2048;

/** Only http(s) links within `max` go into embeds; brackets that would end a markdown link are encoded. */
export function safeUrl(link: string | undefined, max = MAX_TEXT_LINK): string | undefined {
  if (!link || !/^https?:\/\//i.test(link)) return undefined;
  const url = link.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/\s/g, '%20');
  return url.length <= max ? url : undefined;
}

/**
 * "[text](url)", or the text alone when there is no usable link or it is too long for text: a link
 * is never cut. The text is feed text.
 */
export function markdownLink(text: string, link: string | undefined, max = 120): string {
  const label = feedText(text, max).replace(/\\?[[\]]/g, '') || 'link';
  const url = safeUrl(link);
  return url ? `[${label}](${url})` : label;
}

/** A Discord timestamp, shown in each reader's time zone: `R` relative, `D` date, `f` date and time. */
export function discordTime(iso: string | undefined, style: 'R' | 'D' | 'f' = 'R'): string {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? `<t:${Math.floor(ms / 1000)}:${style}>` : 'unknown';
}

/** Joins lines up to `max` characters, replacing what does not fit with "…and N more". */
export function joinWithin(lines: readonly string[], max: number, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i;
    const more = `…and ${rest} more`;
    const needed = length + (kept.length > 0 ? separator.length : 0) + line.length;
    const reserve = rest > 1 ? separator.length + more.length : 0;
    if (needed + reserve > max) {
      kept.push(more);
      break;
    }
    kept.push(line);
    length = needed;
  }
  return kept.join(separator);
}

/** "42%" */
export function percent(value: number): string {
  return `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
}

/** "1 story", "2 stories" */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
