/** The story a takeaway is written from: the item's headline and text, and where it came from. */
export interface TakeawaySource {
  title: string;
  summary: string;
  link?: string;
  sourceName?: string;
}

/** One point on what a deal means for musicians, opened by how sure it is, citing its source. */
export interface Takeaway {
  text: string;
  sourceLink?: string;
  sourceName?: string;
  /** `article`: a sentence of the source, shortened; `template`: a general statement by kind and status. */
  basis?: 'article' | 'template';
}

export const MAX_TAKEAWAY_LENGTH = 200;
export const MAX_TAKEAWAYS = 4;
