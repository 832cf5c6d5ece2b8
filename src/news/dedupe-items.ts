/**
 * Keeps the first item of each key, in order: a feed may list the same guid twice (the corpus's
 * Taverncast feed does), and the first occurrence is the one the feed shows on top.
 */
export function dedupeItems<T extends { key: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.key)) return false;
    seen.add(item.key);
    return true;
  });
}
