/** The feed corpus (../shared/corpus/feeds) read in place, each file's expected outcome, and its parse, once per file. */
import fs from 'node:fs';
import path from 'node:path';
import { decodeFeedBody } from '../../src/feeds/parse';
import { parseFeed } from '../../src/feeds/parse';
import type { ParsedFeed } from '../../src/feeds/types';
import type { NewsItem } from '../../src/news/item';
import { normalizeEntry } from '../../src/news/normalize';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus/feeds');

export type Expected =
  /** `items` clean items after normalizeEntry; `entries` parsed when some are unusable (skipped). */
  | { items: number; entries?: number }
  | { error: 'not-a-feed' | 'parse-error' };

/**
 * "Robust expected items" per file. Where EXPECTED.md allows "lenient / parse error (strict)" the
 * lenient count is expected (#26, #60, #62, #67). Where it allows "0 / error" for a truncated
 * feed (#49, #66, #77) we expect the error: an empty result from a broken body must count as a
 * failed poll, not as "nothing new".
 */
export const EXPECTED: Record<string, Expected> = {
  'rssparser__guardian.rss': { items: 55 }, // 1
  'rssparser__heraldsun.rss': { items: 2 }, // 2
  'rssparser__uolNoticias.rss': { items: 15 }, // 3
  'rssparser__encoding.rss': { items: 40 }, // 4
  'rssparser__content-encoded.rss': { items: 7 }, // 5
  'rssparser__craigslist.rss': { items: 25 }, // 6
  'rssparser__rss-1.rss': { items: 69 }, // 7
  'rssparser__giantbomb-podcast.rss': { items: 730 }, // 8
  'rssparser__narro.rss': { items: 1 }, // 9
  'rssparser__itunes-missing-image.rss': { items: 131 }, // 10
  'rssparser__heise.atom': { items: 15 }, // 11
  'rssparser__gulp-atom.atom': { items: 10 }, // 12
  'rssparser__reddit-atom.rss': { items: 24 }, // 13
  'rssparser__incomplete-fields.atom': { items: 0, entries: 1 }, // 14: 1 (unusable: no id/link/title)
  'rssparser__feedburner.atom': { items: 25 }, // 15
  'rssparser__unrecognized.rss': { error: 'not-a-feed' }, // 16
  'rssparser__instant-article.rss': { items: 1 }, // 17
  'rssparser__reddit.rss': { items: 24 }, // 18
  'nodefp__rss2sample.xml': { items: 4 }, // 19
  'nodefp__iconv.xml': { items: 10 }, // 20
  'nodefp__compressed.xml': { items: 10 }, // 21 (after gunzip)
  'nodefp__invalid-characters-gzipped.xml': { items: 25 }, // 22 (after gunzip)
  'nodefp__illegally-nested.xml': { items: 10 }, // 23
  'nodefp__guid-dupes.xml': { items: 1 }, // 24
  'nodefp__mediacontent-dupes.xml': { items: 1 }, // 25
  'nodefp__saxerror.xml': { items: 3 }, // 26: lenient
  'nodefp__notafeed.html': { error: 'not-a-feed' }, // 27
  'nodefp__rss-with-relative-urls.xml': { items: 2 }, // 28
  'nodefp__relative-channel-image-url.xml': { items: 1 }, // 29
  'nodefp__rss-with-trailing-meta.xml': { items: 1 }, // 30
  'nodefp__intertwingly.atom': { items: 20 }, // 31
  'nodefp__tpm.atom': { items: 20 }, // 32
  'nodefp__nondefaultnamespace-xhtml.atom': { items: 1 }, // 33
  'nodefp__wapowellness.xml': { items: 29 }, // 34
  'nodefp__category-feed.xml': { items: 1 }, // 35
  'feedrs__rss_0.91_spec_1.xml': { items: 2 }, // 36
  'feedrs__rss_0.92_spec_1.xml': { items: 3 }, // 37
  'feedrs__rss_0.91_encoding_1.xml': { items: 1 }, // 38
  'feedrs__rss_0.91_missing_id.xml': { items: 1 }, // 39
  'feedrs__rss_1.0_iso8859.xml': { items: 1 }, // 40
  'feedrs__rss_1.0_biorxiv.xml': { items: 1 }, // 41
  'feedrs__rss_2.0_bbc.xml': { items: 1 }, // 42
  'feedrs__rss_2.0_spiegel.xml': { items: 1 }, // 43
  'feedrs__rss_2.0_encoding_1.xml': { items: 1 }, // 44
  'feedrs__rss_2.0_relurl_1.xml': { items: 2 }, // 45
  'feedrs__rss_2.0_relurl_2.xml': { items: 1 }, // 46
  'feedrs__rss_2.0_nightvale.xml': { items: 1 }, // 47
  'feedrs__rss_2.0_vimeo_media.xml': { items: 1 }, // 48
  'feedrs__rss_2.0_invalid_1.xml': { error: 'parse-error' }, // 49: 0 — truncated; treat as fetch failure
  'feedrs__rss_2.0_cloudflare.xml': { items: 1 }, // 50
  'feedrs__atom_mediarss_youtube_1.xml': { items: 1 }, // 51
  'feedrs__atom_mediarss_reddit_1.xml': { items: 25 }, // 52
  'feedrs__atom_xml_base.xml': { items: 1 }, // 53
  'feedrs__atom_relative.xml': { items: 1 }, // 54
  'feedrs__jsonfeed_spec_1.json': { items: 1 }, // 55
  'feedrs__jsonfeed_elastic_1.1.json': { items: 3 }, // 56
  'feedjira__CRE.xml': { items: 30 }, // 57
  'feedjira__TechCrunch.xml': { items: 20 }, // 58
  'feedjira__json_feed.json': { items: 20 }, // 59
  'feedjira__InvalidDateFormat.xml': { items: 2 }, // 60: lenient
  'feedjira__itunes.xml': { items: 3 }, // 61
  'feedjira__ITunesWithSingleQuotedAttributes.xml': { items: 3 }, // 62: lenient
  'feedjira__youtube_atom.xml': { items: 15 }, // 63
  'feedjira__HuffPostCanada.xml': { items: 2 }, // 64
  'feedjira__FeedBurnerXHTML.xml': { items: 10 }, // 65
  'pyfeedparser__illformed_rss_incomplete_cdata.xml': { error: 'parse-error' }, // 66: 0 / error
  'pyfeedparser__illformed_rss_item_link_corrupted_ampersands.xml': { items: 1 }, // 67: lenient
  'pyfeedparser__illformed_undeclared_namespace.xml': { items: 0 }, // 68
  'pyfeedparser__illformed_chardet_koi8r.xml': { items: 1 }, // 69
  'pyfeedparser__illformed_chardet_shiftjis.xml': { items: 1 }, // 70
  'pyfeedparser__atom03_entry_content_mode_base64.xml': { items: 1 }, // 71
  'pyfeedparser__large_atom_feed_that_needs_css_sanitisation.xml': { items: 15 }, // 72
  'pyfeedparser__json_example.json': { items: 2 }, // 73
  'pyfeedparser__encoding_utf-16le-bom.xml': { items: 0 }, // 74
  'pyfeedparser__encoding_euc-kr.xml': { items: 0 }, // 75
  'pyfeedparser__encoding_demoronize-1.xml': { items: 1 }, // 76
  'pyfeedparser__encoding_bozo_invalid-bytes-with-bom.xml': { error: 'parse-error' }, // 77: 0 / error
  'gofeed__atom03_feed_entry_link_multiple.xml': { items: 1 }, // 78
  'gofeed__json_version_json_11.json': { items: 1 }, // 79
};

/** No charset information at all: decoded as windows-1252 by rule, so mojibake is expected (EXPECTED #69, #70). */
export const UNDECLARED_LEGACY_ENCODING = new Set(['pyfeedparser__illformed_chardet_koi8r.xml', 'pyfeedparser__illformed_chardet_shiftjis.xml']);

/** The URL a file is "fetched" from; the Arc Games feed is only resolvable against its real address. */
export function urlOf(file: string): string {
  if (file === 'nodefp__rss-with-relative-urls.xml') return 'https://www.arcgames.com/en/games/neverwinter/news/rss';
  return `https://corpus.example/feeds/${encodeURIComponent(file)}`;
}

export interface Outcome {
  feed?: ParsedFeed;
  /** normalizeEntry of each entry, undefined where the entry was skipped. */
  normalized: (NewsItem | undefined)[];
  items: NewsItem[];
  error?: Error;
}

const FIRST_SEEN = new Date('2026-01-01T00:00:00Z');
const outcomes = new Map<string, Promise<Outcome>>();

export function run(file: string): Promise<Outcome> {
  let outcome = outcomes.get(file);
  if (!outcome) {
    outcome = (async () => {
      try {
        const text = decodeFeedBody(fs.readFileSync(path.join(CORPUS, file)));
        const feed = await parseFeed(text, urlOf(file));
        const normalized = feed.entries.map((entry) => normalizeEntry(entry, { url: urlOf(file), name: file }, FIRST_SEEN));
        return { feed, normalized, items: normalized.filter((item): item is NewsItem => item !== undefined) };
      } catch (error) {
        return { normalized: [], items: [], error: error as Error };
      }
    })();
    outcomes.set(file, outcome);
  }
  return outcome;
}

export async function items(file: string): Promise<NewsItem[]> {
  const outcome = await run(file);
  if (outcome.error) throw outcome.error;
  return outcome.items;
}

export async function first(file: string): Promise<NewsItem> {
  const [item] = await items(file);
  if (!item) throw new Error(`${file} has no item`);
  return item;
}
