import type { FeedFormat } from '../types';

/**
 * Text-level fixes for well-formed documents whose shape rss-parser assumes without checking
 * (it would throw a TypeError and lose the feed): an Atom <link> always has attributes, and an
 * <rss> or <rdf:RDF> always has a <channel>. Linear scans; the document is otherwise unchanged.
 */
export function guardXmlShape(xml: string, format: Exclude<FeedFormat, 'json'>): string {
  return format === 'atom' ? guardAtomLinks(xml) : guardChannel(xml);
}

/** `<link>https://…</link>` (RSS style, in Atom) → `<link href="https://…"/>`; a bare `<link/>` goes. */
function guardAtomLinks(xml: string): string {
  if (!/<link\s*\/?>/.test(xml)) return xml;
  return xml
    .replace(/<link\s*>([^<]*)<\/link\s*>/g, (_whole: string, href: string) => `<link href="${href.trim().replace(/"/g, '&quot;')}"/>`)
    .replace(/<link\s*\/>/g, '');
}

const ROOT_START = /<((?:[\w.-]+:)?(?:rss|RDF))\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/;

/** A root without any <channel> gets an empty one, so that it parses as a feed with no items. */
function guardChannel(xml: string): string {
  if (/<channel[\s>/]/.test(xml)) return xml;
  const root = ROOT_START.exec(xml);
  if (!root) return xml;
  const [whole, name, attributes, selfClosing] = root;
  const replacement = selfClosing ? `<${name}${attributes}><channel/></${name}>` : `${whole}<channel/>`;
  return xml.slice(0, root.index) + replacement + xml.slice(root.index + whole.length);
}
