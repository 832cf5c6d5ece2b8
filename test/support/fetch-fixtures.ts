/** What the fetchFeed tests share: a small feed, the guard's test setting, and a fetch expected to fail. */
import { fetchFeed, type FetchFeedOptions } from '../../src/feeds/fetch';

export const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Music Business Wire</title>
<item><title>Spotify and Universal Music Group sign a new multi-year licensing deal</title>
<link>https://example.com/spotify-umg</link><guid>spotify-umg-2025</guid></item>
</channel></rss>`;

/** The guard stays on; only the test server's own address is let through. */
export const guarded: FetchFeedOptions = { allowPrivateHosts: false, isAllowedAddress: (ip) => ip === '127.0.0.1' };

export async function fetchError(url: string, options: FetchFeedOptions = guarded): Promise<unknown> {
  return fetchFeed(url, options).then(
    (outcome) => {
      throw new Error(`expected a failure, got ${outcome.kind}`);
    },
    (error: unknown) => error,
  );
}
