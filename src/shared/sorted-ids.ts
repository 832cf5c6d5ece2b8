/** Whether an ascending list of numbers (ids, terms) holds `id`: a binary search. */
export function includesSorted(sorted: ArrayLike<number>, id: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = sorted[mid] as number;
    if (value === id) return true;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
