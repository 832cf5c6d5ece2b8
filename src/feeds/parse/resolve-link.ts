/**
 * Resolves a link as written in a feed (maybe relative, maybe padded with whitespace) against
 * the bases in scope, nearest first. Returns an absolute http(s) URL, or undefined when the link
 * is empty, unparseable, or of another scheme (javascript:, data:, mailto:… are never links).
 */
export function resolveLink(href: string | undefined, ...bases: (string | undefined)[]): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed) return undefined;
  const url = parseUrl(trimmed, resolveBase(bases));
  return url && isWebUrl(url) ? url.href : undefined;
}

/**
 * The effective base of nested scopes, outermost last: each base is resolved against the ones
 * after it (an entry's relative xml:base against the feed's). Undefined when none is absolute.
 */
export function resolveBase(bases: (string | undefined)[]): string | undefined {
  let base: string | undefined;
  for (let i = bases.length - 1; i >= 0; i -= 1) {
    const candidate = bases[i]?.trim();
    if (!candidate) continue;
    const url = parseUrl(candidate, base);
    if (url && isWebUrl(url)) base = url.href;
  }
  return base;
}

function parseUrl(text: string, base: string | undefined): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

function isWebUrl(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}
