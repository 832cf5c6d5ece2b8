/**
 * Best-effort repair of a malformed XML feed, used only after strict parsing failed, so that one
 * bad character or a cut-off end does not lose the whole feed. In one linear pass it:
 * - drops characters that XML 1.0 forbids, and anything before the first tag;
 * - escapes an `&` that does not start an entity and a `<` that does not start markup;
 * - quotes unquoted attribute values and gives bare attributes a value;
 * - turns an element left open inside a parent that closes (`<itunes:category text='x'>` never
 *   closed before `</channel>`) into an empty element, so that its followers stay in the parent;
 * - drops end tags that close nothing;
 * - at a truncated end: completes a cut CDATA section, drops a cut tag or comment, and closes
 *   every element still open.
 */
export function repairXml(xml: string): string {
  const text = stripIllegalCharacters(xml);
  const start = text.indexOf('<');
  return start < 0 ? '' : new Repairer(text).run(start);
}

const ILLEGAL_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripIllegalCharacters(text: string): string {
  return text.replace(ILLEGAL_XML_CHARACTERS, '');
}

const STRAY_AMPERSAND = /&(?!(?:[A-Za-z_][\w.-]*|#\d+|#[xX][0-9A-Fa-f]+);)/g;
const START_TAG =
  /<([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*(?:>|$)/y;
/** The beginning of a tag with nothing after it but more of the tag: the document was cut there. */
const CUT_TAG = /<(?:[/!?]?[A-Za-z_][\w:.-]*(?:\s[^<]*)?|[/!?]?)$/y;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

interface OpenElement {
  name: string;
  /** Index in the output of the chunk holding the start tag. */
  chunk: number;
}

class Repairer {
  private readonly out: string[] = [];
  private readonly open: OpenElement[] = [];
  /** How many open elements have each name, exactly and lower-cased: a stray end tag costs O(1). */
  private readonly openNames = new Map<string, number>();
  private readonly openLowerNames = new Map<string, number>();
  /** Past this index no tag can end: a `<` there may be the start of a tag cut off by truncation. */
  private readonly lastGreaterThan: number;

  constructor(private readonly text: string) {
    this.lastGreaterThan = text.lastIndexOf('>');
  }

  run(from: number): string {
    let i = from;
    while (i < this.text.length) {
      const lt = this.text.indexOf('<', i);
      const textEnd = lt < 0 ? this.text.length : lt;
      if (textEnd > i) this.out.push(escapeText(this.text.slice(i, textEnd)));
      if (lt < 0) break;
      i = this.markup(lt);
    }
    for (const element of this.open.reverse()) this.out.push(`</${element.name}>`);
    return this.out.join('');
  }

  /** Handles the markup at `lt`; returns where to continue. */
  private markup(lt: number): number {
    const text = this.text;
    if (text.startsWith('<!--', lt)) return this.copyUntil(lt, '-->', false);
    if (text.startsWith('<![CDATA[', lt)) return this.copyUntil(lt, ']]>', true);
    if (text.startsWith('<!', lt)) return this.skipDeclaration(lt);
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt);
      if (end < 0) return text.length;
      // The XML declaration is only allowed first; a second one (concatenated documents) is dropped.
      const declaration = /^<\?xml\s/.test(text.slice(lt, lt + 6));
      if (!declaration || this.out.length === 0) this.out.push(text.slice(lt, end + 2));
      return end + 2;
    }
    END_TAG.lastIndex = lt;
    const endTag = END_TAG.exec(text);
    if (endTag?.[1]) {
      this.close(endTag[1]);
      return lt + endTag[0].length;
    }
    START_TAG.lastIndex = lt;
    const startTag = START_TAG.exec(text);
    if (startTag?.[1]) {
      this.start(startTag[1], startTag[2] ?? '', startTag[3] === '/');
      return lt + startTag[0].length;
    }
    // A tag cut off by the end of the document is dropped; any other `<` is text.
    CUT_TAG.lastIndex = lt;
    if (lt > this.lastGreaterThan && CUT_TAG.test(text)) return text.length;
    this.out.push('&lt;');
    return lt + 1;
  }

  /** Copies a comment or CDATA section; a cut-off one is completed (CDATA) or dropped (comment). */
  private copyUntil(lt: number, terminator: string, completeIfCut: boolean): number {
    const end = this.text.indexOf(terminator, lt);
    if (end >= 0) {
      this.out.push(this.text.slice(lt, end + terminator.length));
      return end + terminator.length;
    }
    if (completeIfCut) this.out.push(this.text.slice(lt) + terminator);
    return this.text.length;
  }

  /** DOCTYPE and other declarations are dropped: feeds do not need them and sax ignores their entities. */
  private skipDeclaration(lt: number): number {
    const gt = this.text.indexOf('>', lt);
    if (gt < 0) return this.text.length;
    if (this.text.slice(lt, gt).includes('[')) {
      const end = this.text.indexOf(']>', lt);
      return end < 0 ? this.text.length : end + 2;
    }
    return gt + 1;
  }

  private start(name: string, attributes: string, selfClosing: boolean): void {
    this.out.push(`<${name}${normalizeAttributes(attributes)}${selfClosing ? '/' : ''}>`);
    if (selfClosing) return;
    this.open.push({ name, chunk: this.out.length - 1 });
    count(this.openNames, name, 1);
    count(this.openLowerNames, name.toLowerCase(), 1);
  }

  /**
   * Closes the nearest open element of that name (exact, else ignoring case); the ones above it
   * become empty elements. Each element is passed over once when it is closed, so the whole
   * repair stays linear however deep the nesting.
   */
  private close(name: string): void {
    const exact = (this.openNames.get(name) ?? 0) > 0;
    if (!exact && (this.openLowerNames.get(name.toLowerCase()) ?? 0) === 0) return; // closes nothing: dropped
    const lower = name.toLowerCase();
    const index = findLastIndex(this.open, (element) => (exact ? element.name === name : element.name.toLowerCase() === lower));
    for (const inner of this.open.splice(index + 1)) {
      this.out[inner.chunk] = (this.out[inner.chunk] ?? '').replace(/>$/, '/>');
      this.forget(inner.name);
    }
    const element = this.open.pop();
    if (!element) return;
    this.forget(element.name);
    this.out.push(`</${element.name}>`);
  }

  private forget(name: string): void {
    count(this.openNames, name, -1);
    count(this.openLowerNames, name.toLowerCase(), -1);
  }
}

function count(counts: Map<string, number>, name: string, delta: number): void {
  counts.set(name, (counts.get(name) ?? 0) + delta);
}

function escapeText(text: string): string {
  return text.replace(STRAY_AMPERSAND, '&amp;');
}

/** Re-serialises attributes with double quotes; values keep their characters, escaped for XML. */
function normalizeAttributes(attributes: string): string {
  if (attributes.trim() === '') return '';
  const seen = new Set<string>();
  let out = '';
  for (const match of attributes.matchAll(ATTRIBUTE)) {
    const name = match[1] ?? '';
    if (seen.has(name)) continue;
    seen.add(name);
    const value = match[2] ?? match[3] ?? match[4] ?? name;
    out += ` ${name}="${escapeText(value).replace(/</g, '&lt;').replace(/"/g, '&quot;')}"`;
  }
  return out;
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i] as T)) return i;
  return -1;
}
