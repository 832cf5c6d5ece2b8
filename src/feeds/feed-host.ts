/** A feed URL's host, without "www." ("musicbusinessworldwide.com"); the URL itself if it has none. */
export function feedHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
