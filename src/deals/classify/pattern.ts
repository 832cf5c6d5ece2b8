import { isAlnum } from './char-codes';

/**
 * Helpers that turn the readable patterns of the cue and gazetteer data files into regular expressions.
 * A space in a pattern matches any run of whitespace; every pattern is matched as whole words.
 */

/** Escapes a literal string (an alias) for use inside a regular expression. */
export function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Replaces spaces outside character classes by `\s+`, so "in talks" also matches "in\n talks". */
export function spacesToWhitespace(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] ?? '';
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    if (ch === ' ' && !inClass) {
      out += '\\s+';
      while (source[i + 1] === ' ') i += 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Wraps a source so that it only matches whole words (letters and digits on neither side). */
export function wholeWords(source: string): string {
  return `(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`;
}

/** Throws when a data-file pattern has a capturing group (they would break cue identification). */
export function assertNoCapturingGroups(source: string, where: string): void {
  const groups = new RegExp(`${source}|`).exec('');
  if (groups && groups.length > 1) {
    throw new Error(`${where}: use (?:...) instead of capturing groups in "${source}"`);
  }
}

/** Compiles one readable data pattern to a whole-word source, checking it on the way. */
export function compileDataPattern(pattern: string, where: string): string {
  const source = spacesToWhitespace(pattern);
  try {
    new RegExp(source);
  } catch (error) {
    throw new Error(`${where}: invalid pattern "${pattern}": ${(error as Error).message}`, { cause: error });
  }
  assertNoCapturingGroups(source, where);
  return source;
}

/** One regex hit: where it is and which alternative matched. */
export interface PatternHit {
  index: number;
  start: number;
  end: number;
  text: string;
}

/**
 * A set of patterns compiled into one regex with one capturing group per pattern, so that one scan
 * finds every hit and tells which pattern matched. Patterns listed first win at the same position.
 */
export class PatternSet {
  private readonly regex: RegExp | null;

  private readonly identify: boolean;

  /** identify = false skips telling which pattern matched (faster for long alias lists looked up by text). */
  constructor(sources: readonly string[], flags: 'gi' | 'g', identify = true) {
    this.identify = identify;
    // one word-boundary check around the whole alternation: checking it per alternative is much slower
    const parts = sources.map((s) => (identify ? `(${s})` : `(?:${s})`));
    this.regex = sources.length === 0 ? null : new RegExp(wholeWords(parts.join('|')), flags);
  }

  scan(text: string): PatternHit[] {
    const hits: PatternHit[] = [];
    if (!this.regex) return hits;
    const regex = this.regex;
    regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(text)) !== null) {
      if (match[0].length === 0) {
        regex.lastIndex += 1;
        continue;
      }
      let index = 0;
      for (let g = 1; this.identify && g < match.length; g += 1) {
        if (match[g] !== undefined) {
          index = g - 1;
          break;
        }
      }
      hits.push({ index, start: match.index, end: match.index + match[0].length, text: match[0] });
    }
    return hits;
  }
}

/**
 * Several named patterns scanned in one pass, with exactly the hits separate scans would give: one
 * combined regex finds each position where any pattern matches (stepping one character at a time so
 * that overlapping hits are not lost), then each pattern is tried there with a sticky regex and kept
 * when it starts after that pattern's previous hit. The combined regex captures which pattern it
 * matched with (the patterns have no capturing groups of their own: compileDataPattern checks): the
 * patterns before that one cannot match there, and that one's hit is the match itself, so only the
 * patterns after it need a sticky try.
 */
export class PatternBundle<K> {
  private readonly any: RegExp;
  private readonly each: { key: K; sticky: RegExp }[];
  readonly keys: readonly K[];

  constructor(groups: readonly { key: K; source: string }[]) {
    this.any = new RegExp(wholeWords(groups.map((g) => `(${g.source})`).join('|')), 'gi');
    this.each = groups.map((g) => ({ key: g.key, sticky: new RegExp(wholeWords(g.source), 'iy') }));
    this.keys = groups.map((g) => g.key);
  }

  scan(text: string): Map<K, PatternHit[]> {
    const each = this.each;
    const found: PatternHit[][] = each.map(() => []);
    const lastEnd: number[] = each.map(() => 0);
    const any = this.any;
    any.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = any.exec(text)) !== null) {
      const at = m.index;
      let first = 0;
      while (m[first + 1] === undefined) first += 1;
      if (at >= (lastEnd[first] as number) && m[0].length > 0) {
        (found[first] as PatternHit[]).push({ index: 0, start: at, end: at + m[0].length, text: m[0] });
        lastEnd[first] = at + m[0].length;
      }
      for (let g = first + 1; g < each.length; g += 1) {
        if (at < (lastEnd[g] as number)) continue;
        const sticky = (each[g] as { sticky: RegExp }).sticky;
        sticky.lastIndex = at;
        const hit = sticky.exec(text);
        if (!hit || hit[0].length === 0) continue;
        (found[g] as PatternHit[]).push({ index: 0, start: at, end: at + hit[0].length, text: hit[0] });
        lastEnd[g] = at + hit[0].length;
      }
      // every pattern matches whole words only, so the next hit starts after this word
      let next = at + 1;
      while (next < text.length && isAlnum(text.charCodeAt(next))) next += 1;
      any.lastIndex = next;
    }
    return new Map(each.map((e, g) => [e.key, found[g] as PatternHit[]]));
  }
}
