import { FEED_MARKER_PARAMS, FEED_MARKER_VALUE, TRACKING_PARAM_PREFIXES, TRACKING_PARAMS } from './tracking-params';

const TRACKING = new Set(TRACKING_PARAMS.map((name) => name.toLowerCase()));
const FEED_MARKERS = new Set(FEED_MARKER_PARAMS.map((name) => name.toLowerCase()));

/**
 * The form of a link used to compare and store it: absolute http(s), scheme and host lower
 * case, default port dropped (the WHATWG URL parser does these), fragment dropped, tracking
 * parameters removed (src/news/tracking-params.ts) and the other parameters kept in their order
 * and spelling. Undefined for anything that is not an http(s) URL (relative links are resolved
 * against `base` when one is given).
 */
export function canonicalizeLink(url: string, base?: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.hash = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(pair));
  parsed.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return parsed.href;
}

function isTrackingParam(pair: string): boolean {
  const equals = pair.indexOf('=');
  const name = safeDecode(equals < 0 ? pair : pair.slice(0, equals)).toLowerCase();
  if (TRACKING.has(name) || TRACKING_PARAM_PREFIXES.some((prefix) => name.startsWith(prefix))) return true;
  return FEED_MARKERS.has(name) && FEED_MARKER_VALUE.test(safeDecode(equals < 0 ? '' : pair.slice(equals + 1)));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
