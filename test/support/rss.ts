/** Builds small RSS 2.0 documents for tests. */
export interface TestEntry {
  guid?: string;
  title: string;
  link?: string;
  description?: string;
  /** A Date, or hours before now. */
  published?: Date | number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function buildRss(entries: TestEntry[], options: { title?: string; now?: Date } = {}): string {
  const now = options.now ?? new Date();
  const items = entries.map((entry) => {
    const date =
      entry.published === undefined
        ? undefined
        : typeof entry.published === 'number'
          ? new Date(now.getTime() - entry.published * 3_600_000)
          : entry.published;
    return [
      '<item>',
      `<title>${escape(entry.title)}</title>`,
      entry.link ? `<link>${escape(entry.link)}</link>` : '',
      entry.guid ? `<guid isPermaLink="false">${escape(entry.guid)}</guid>` : '',
      entry.description ? `<description>${escape(entry.description)}</description>` : '',
      date ? `<pubDate>${date.toUTCString()}</pubDate>` : '',
      '</item>',
    ].join('');
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${escape(options.title ?? 'Test feed')}</title><link>https://news.example/</link>${items.join('')}</channel></rss>`;
}
