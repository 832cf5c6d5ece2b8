/**
 * Cuts text to at most `max` characters (code units, ellipsis included) at a word boundary,
 * ending with "…"; a single word longer than that is cut inside. Text that fits is unchanged.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - 1);
  let cut = text.slice(0, room + 1);
  const lastSpace = cut.lastIndexOf(' ');
  cut = lastSpace > room / 2 ? cut.slice(0, lastSpace) : cut.slice(0, room);
  // Never leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** A title for an item that has none: the opening words of its text. */
export function titleFromText(text: string, maxWords = 12, maxLength = 100): string {
  const words = text.split(' ').filter((word) => word !== '');
  const opening = words.slice(0, maxWords).join(' ');
  if (words.length <= maxWords && opening.length <= maxLength) return opening;
  return opening.length < maxLength ? `${opening.replace(/[\s,;:.–—-]+$/, '')}…` : capText(opening, maxLength);
}
