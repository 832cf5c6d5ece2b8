/**
 * Markup written raw inside a text element: Atom's inline XHTML (type="xhtml") and the HTML that
 * many RSS feeds put unescaped in <description> (reddit does). xml2js turns such mixed content
 * into an object that loses the order of text and child elements ("submitted by<a>x</a>to" →
 * "submitted byto"), so before parsing, the inner markup of these elements is wrapped in CDATA:
 * it arrives as one HTML string, in order, for the text cleaner to strip. Elements that hold no
 * raw markup, or already use CDATA, are left exactly as they are.
 */
const TEXT_ELEMENT =
  /<((?:atom:)?(?:content|summary|title|subtitle|rights)|description|content:encoded)(\s[^>]*?)?(?<!\/)>([\s\S]*?)<\/\1\s*>/g;

export function inlineMarkup(xml: string): string {
  return xml.replace(TEXT_ELEMENT, (whole: string, name: string, attributes: string | undefined, inner: string) => {
    if (!inner.includes('<') || inner.includes('<![CDATA[') || inner.includes('<!--')) return whole;
    return `<${name}${attributes ?? ''}><![CDATA[${inner.split(']]>').join(']]]]><![CDATA[>')}]]></${name}>`;
  });
}
