import type { Classification } from '../../deals/types';
import type { FeedFormat, FeedSource } from '../../feeds/types';
import type { NewsItem } from '../../news/item';
import { dealName } from '../../posts/post';
import { cut, fitEmbed, LIMITS } from './limits';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { describeStatus, kindLabel } from '../../deals/vocabulary';
import { discordTime, feedText, markdownLink, percent, plural } from './text';

export interface ClassifiedSample {
  item: NewsItem;
  classification: Classification;
}

export interface FeedTestResult {
  feed: FeedSource;
  format: FeedFormat;
  title?: string;
  itemCount: number;
  /** The newest items, each with how the classifier read it. */
  samples: ClassifiedSample[];
}

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', rdf: 'RSS 1.0 (RDF)', atom: 'Atom', json: 'JSON Feed' };

/** `/feeds test`: what the feed holds right now and how each of its newest items was classified. */
export function renderFeedTest(result: FeedTestResult): ReplyBody {
  const ownTitle = result.title && result.title !== result.feed.name ? ` (its own title: ${feedText(result.title, 150)})` : '';
  const description = [
    `Fetched ${markdownLink(result.feed.name, result.feed.url, 100)} just now${ownTitle}: ${plural(result.itemCount, 'item')}, ${FORMAT_NAMES[result.format]}.`,
    result.samples.length > 0
      ? `The newest ${result.samples.length}, as the classifier reads them. **Nothing was posted.**`
      : 'It has no items right now. **Nothing was posted.**',
  ].join('\n');
  return {
    embeds: [
      fitEmbed({
        title: feedText(`Feed test: ${result.feed.name}`, LIMITS.title),
        description,
        color: BRAND_COLOR,
        fields: result.samples.slice(0, 10).map((sample) => ({
          name: feedText(sample.item.title || '(untitled)', LIMITS.fieldName),
          value: describeSample(sample),
        })),
      }),
    ],
  };
}

/** At most 1024 characters: the verdict, why, and where the item is. */
export function describeSample({ item, classification: c }: ClassifiedSample): string {
  const verdict = c.isPartnership && c.status !== null
    ? [
        `🤝 **Deal** · ${feedText(dealName(c.parties), 200)}`,
        describeStatus(c.status, c.unconfirmed),
        c.kinds.length > 0 ? c.kinds.map(kindLabel).join(', ') : undefined,
        `confidence ${percent(c.confidence)}`,
      ]
    : [`➖ Not a deal`, `confidence ${percent(c.confidence)}`];
  const head = verdict.filter((part): part is string => part !== undefined).join(' · ');
  const why = c.explanation ? `*Why:* ${feedText(c.explanation, 600)}` : '';
  const published = item.published ? `published ${discordTime(item.published)}` : '';
  const withLink = [head, why, [published, item.link ? markdownLink('open', item.link) : ''].filter(Boolean).join(' · ')];
  const text = withLink.filter(Boolean).join('\n');
  // A very long link is left out rather than cut in the middle.
  return text.length <= LIMITS.fieldValue ? text : cut([head, why, published].filter(Boolean).join('\n'), LIMITS.fieldValue);
}
