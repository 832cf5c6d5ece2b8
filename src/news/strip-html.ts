/**
 * HTML to text lines, in bounded work: every step is a single forward scan (indexOf, or regular
 * expressions without nested quantifiers), so inline CSS or a missing end tag cannot make it
 * backtrack (the trap of the corpus's "needs CSS sanitisation" feed). Entities are left for the
 * caller to decode, after the tags are gone, so that "&lt;b&gt;" stays text.
 */
export function stripHtml(html: string): string {
  if (!html.includes('<')) return html;
  let text = removeComments(html);
  text = removeElementsWithContent(text);
  return text.replace(TAG, (_tag: string, name: string) => (isBlock(name) ? '\n' : ''));
}

function isBlock(name: string): boolean {
  const local = name.slice(name.lastIndexOf(':') + 1).toLowerCase();
  return BLOCK_ELEMENTS.has(local);
}

/** Elements whose content is never readable text. */
const DROPPED_ELEMENTS = ['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head'];

/** Elements that break a line when rendered (their tags become line breaks). */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'summary', 'table', 'td', 'th', 'tr', 'ul',
]);

/**
 * A start or end tag; quoted attribute values may contain ">". The name may carry a prefix
 * (h:div). No part of a tag may contain "<", so a failed match never scans past the next one.
 */
const TAG = /<\/?([A-Za-z][\w.:-]*)(?:[^<>"']|"[^"<]*"|'[^'<]*')*>/g;

function removeComments(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const start = text.indexOf('<!--', from);
    if (start < 0) return out + text.slice(from);
    out += text.slice(from, start);
    const end = text.indexOf('-->', start + 4);
    if (end < 0) return out;
    from = end + 3;
  }
}

function removeElementsWithContent(text: string): string {
  const lower = text.toLowerCase();
  let out = text;
  for (const name of DROPPED_ELEMENTS) if (lower.includes(`<${name}`)) out = removeElement(out, name);
  // FeedBurner's "feedflare" block: share links and tracking images, never part of the story.
  if (lower.includes('feedflare')) out = removeElement(out, 'div', /^<div[^>]*class\s*=\s*["']?feedflare/i);
  return out;
}

/** Removes every `name` element (with its content, to its first end tag); an unclosed one to the end. */
function removeElement(text: string, name: string, startPattern?: RegExp): string {
  const lower = text.toLowerCase();
  const open = `<${name}`;
  const close = `</${name}`;
  let out = '';
  let from = 0;
  for (;;) {
    const start = findStartTag(lower, open, from, text, startPattern);
    if (start < 0) return out + text.slice(from);
    out += text.slice(from, start) + '\n';
    const startEnd = lower.indexOf('>', start);
    if (startEnd > 0 && lower.charAt(startEnd - 1) === '/') {
      from = startEnd + 1; // self-closing: no content
      continue;
    }
    const end = lower.indexOf(close, start + open.length);
    if (end < 0) return out;
    const gt = lower.indexOf('>', end);
    from = gt < 0 ? text.length : gt + 1;
  }
}

function findStartTag(lower: string, open: string, from: number, text: string, pattern?: RegExp): number {
  let at = lower.indexOf(open, from);
  while (at >= 0) {
    const next = lower.charAt(at + open.length);
    const isTag = next === '>' || next === '/' || /\s/.test(next);
    if (isTag && (!pattern || pattern.test(text.slice(at, at + 200)))) return at;
    at = lower.indexOf(open, at + open.length);
  }
  return -1;
}
