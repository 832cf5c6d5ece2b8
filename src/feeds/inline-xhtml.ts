/**
 * Atom lets title, summary, content, subtitle and rights carry inline XHTML (type="xhtml").
 * xml2js turns mixed content into an object that loses the order of text and child elements, so
 * before parsing, the inner markup of such an element is wrapped in CDATA: it then arrives as an
 * HTML string, in order, for the text cleaner to strip. Nothing else in the document changes.
 */
const XHTML_ELEMENT =
  /<((?:[\w.-]+:)?(?:content|summary|title|subtitle|rights))(\s[^>]*?\btype\s*=\s*["']xhtml["'][^>]*?)(?<!\/)>([\s\S]*?)<\/\1\s*>/g;

export function inlineXhtml(xml: string): string {
  if (!xml.includes('xhtml')) return xml;
  return xml.replace(XHTML_ELEMENT, (whole: string, name: string, attributes: string, inner: string) => {
    if (inner.includes('<![CDATA[')) return whole;
    return `<${name}${attributes}><![CDATA[${inner.split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
  });
}
