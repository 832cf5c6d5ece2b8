/** The story a takeaway is written from: the item's headline and text, and where it came from. */
export interface TakeawaySource {
  title: string;
  summary: string;
  link?: string;
  sourceName?: string;
}

/**
 * One point on what a deal means for musicians, opened by how sure it is. A point drawn from an
 * article cites it; a background point (a general statement by kind, status and the parties' types)
 * is labelled as background in its text and cites nothing.
 */
export interface Takeaway {
  text: string;
  sourceLink?: string;
  sourceName?: string;
  /** `article`: a sentence of the source, shortened; `background`: general knowledge, no source. */
  basis: 'article' | 'background';
}

export const MAX_TAKEAWAY_LENGTH = 200;
export const MAX_TAKEAWAYS = 4;
