import { isStopword } from '../text';

/** Near-duplicate test for takeaways: the same point worded almost the same way, from any source. */

/** Content words of a takeaway, without its certainty prefix. */
export function contentWords(text: string): Set<string> {
  const body = text.replace(/^[^:]{1,60}:\s*/, '');
  const words = body.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
  return new Set(words.filter((w) => !isStopword(w)));
}

/** True when two takeaways share most of their content words (Jaccard, or one inside the other). */
export function isNearDuplicate(a: string, b: string, threshold = 0.7): boolean {
  const wa = contentWords(a);
  const wb = contentWords(b);
  if (wa.size === 0 || wb.size === 0) return wa.size === wb.size;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared += 1;
  const jaccard = shared / (wa.size + wb.size - shared);
  const containment = shared / Math.min(wa.size, wb.size);
  return jaccard >= threshold || containment >= 0.9;
}
