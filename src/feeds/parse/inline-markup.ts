/**
 * Markup written raw inside a text element: Atom's inline XHTML (type="xhtml") and the HTML that
 * many RSS feeds put unescaped in <description> (reddit does). xml2js turns such mixed content
 * into an object that loses the order of text and child elements ("submitted by<a>x</a>to" →
 * "submitted byto"), so before parsing, the inner markup of these elements is wrapped in CDATA:
 * it arrives as one HTML string, in order, for the text cleaner to strip. Elements that hold no
 * raw markup, or already use CDATA, are left exactly as they are. One forward scan: an element
 * that is never closed costs one lookup, not a search to the end of the document.
 */
const OPENER = /<((?:atom:)?(?:content|summary|title|subtitle|rights)|description|content:encoded)(\s[^<>]*?)?(\/?)>/g;

export function inlineMarkup(xml: string): string {
  const lastClose = new Map<string, number>();
  const opener = new RegExp(OPENER.source, 'g');
  let out = '';
  let copied = 0;
  for (let match = opener.exec(xml); match; match = opener.exec(xml)) {
    const [tag, name = '', , selfClosing] = match;
    if (selfClosing) continue;
    const innerStart = match.index + tag.length;
    if (!lastClose.has(name)) lastClose.set(name, xml.lastIndexOf(`</${name}`));
    if ((lastClose.get(name) ?? -1) < innerStart) continue;
    const close = findEndTag(xml, name, innerStart);
    if (!close) continue;
    opener.lastIndex = close.end;
    const inner = xml.slice(innerStart, close.start);
    if (!inner.includes('<') || inner.includes('<![CDATA[') || inner.includes('<!--')) continue;
    out += `${xml.slice(copied, innerStart)}<![CDATA[${inner.split(']]>').join(']]]]><![CDATA[>')}]]>`;
    copied = close.start;
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}

/** The first `</name>` (whitespace allowed before ">") at or after `from`. */
function findEndTag(xml: string, name: string, from: number): { start: number; end: number } | undefined {
  const endTag = /\s*>/y;
  for (let at = xml.indexOf(`</${name}`, from); at >= 0; at = xml.indexOf(`</${name}`, at + 1)) {
    endTag.lastIndex = at + name.length + 2;
    if (endTag.test(xml)) return { start: at, end: endTag.lastIndex };
  }
  return undefined;
}
