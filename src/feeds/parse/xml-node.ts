/**
 * Flattening of the values xml2js (inside rss-parser) produces into plain strings. An element
 * comes out as a string, as `{ _: text, $: attributes }` when it has attributes, as an object of
 * child arrays when it has child elements (xhtml, unescaped HTML), or as an array when the
 * element is repeated (two <guid>s). Every reader of a parsed feed goes through these.
 */
export type XmlNode = unknown;

interface XmlObject {
  _?: unknown;
  $?: unknown;
  [child: string]: unknown;
}

function isObject(node: XmlNode): node is XmlObject {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

/** The nodes of a value that may be one node or an array of repeated elements. */
export function nodesOf(node: XmlNode): XmlNode[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

/** Deeper than this, child elements are not read (a hostile document cannot exhaust the stack). */
const MAX_DEPTH = 32;

/** The text of a node: its character data, or the text of all its descendants in document order of keys. */
export function textOf(node: XmlNode, depth = 0): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return firstText(node);
  if (!isObject(node)) return undefined;
  if (typeof node._ === 'string') return node._;
  if (depth >= MAX_DEPTH) return undefined;
  const parts = Object.keys(node)
    .filter((key) => key !== '$')
    .map((key) => nodesOf(node[key]).map((child) => textOf(child, depth + 1) ?? '').join(' '));
  const joined = parts.join(' ');
  return joined.trim() === '' ? undefined : joined;
}

/** The first non-blank text among repeated nodes (the first of two <guid>s, etc.). */
export function firstText(nodes: XmlNode): string | undefined {
  for (const node of nodesOf(nodes)) {
    const text = textOf(node);
    if (text !== undefined && text.trim() !== '') return text;
  }
  return undefined;
}

/** The first node among repeated ones whose text is not blank. */
export function firstNodeWithText(nodes: XmlNode): XmlNode {
  return nodesOf(nodes).find((node) => (textOf(node) ?? '').trim() !== '');
}

/** An attribute of a node, when the node has attributes. */
export function attrOf(node: XmlNode, name: string): string | undefined {
  if (!isObject(node) || !isObject(node.$)) return undefined;
  const value = node.$[name];
  return typeof value === 'string' ? value : undefined;
}

/** A child element of a node (an array of repeated elements in xml2js). */
export function childOf(node: XmlNode, name: string): XmlNode {
  return isObject(node) ? node[name] : undefined;
}

/** Trimmed text, undefined when blank. */
export function trimmed(text: string | undefined): string | undefined {
  const value = text?.trim();
  return value ? value : undefined;
}
