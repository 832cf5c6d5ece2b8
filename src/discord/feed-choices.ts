import { createHash } from 'node:crypto';
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { FeedSource } from '../feeds/types';
import { cut, LIMITS } from './embeds/limits';

/**
 * Feeds as autocomplete choices and back. A choice's value holds at most 100 characters, so a
 * longer URL is represented by a short stable key ("feed:" + 16 hex digits of its SHA-256).
 * What a member types by hand (a URL or a name) is matched too.
 */
const MAX_CHOICE_VALUE = 100;

export function feedChoiceValue(url: string): string {
  return url.length <= MAX_CHOICE_VALUE ? url : `feed:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

/** The feed a value names: by URL, by its choice key, by name (any case), else undefined. */
export function findFeed<F extends FeedSource>(feeds: readonly F[], value: string): F | undefined {
  const text = value.trim();
  const lower = text.toLowerCase();
  return (
    feeds.find((f) => f.url === text || feedChoiceValue(f.url) === text) ??
    feeds.find((f) => f.name.toLowerCase() === lower) ??
    feeds.find((f) => stripSlash(f.url).toLowerCase() === stripSlash(text).toLowerCase())
  );
}

/** Up to 25 choices matching what was typed (name or URL, anywhere), in the given order. */
export function feedChoices(
  feeds: readonly (FeedSource & { label?: string })[],
  typed: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const needle = typed.trim().toLowerCase();
  return feeds
    .filter((f) => needle === '' || f.name.toLowerCase().includes(needle) || f.url.toLowerCase().includes(needle))
    .slice(0, LIMITS.choices)
    .map((f) => ({ name: choiceName(`${f.label ?? ''}${f.name} — ${hostOf(f.url)}`), value: feedChoiceValue(f.url) }));
}

/** A choice name: 1 to 100 characters, one line. */
export function choiceName(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return cut(line === '' ? '(untitled)' : line, LIMITS.choiceName);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
