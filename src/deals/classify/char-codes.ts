/** Character classes by code, for the scans that walk text without allocating. */

export const isUpper = (c: number): boolean => c >= 65 && c <= 90;
export const isLower = (c: number): boolean => c >= 97 && c <= 122;
export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** A letter or a digit (what `[A-Za-z0-9]` matches). */
export const isAlnum = (c: number): boolean => isDigit(c) || isUpper(c) || isLower(c);
/** An ASCII capital as its small letter; any other code as it is. */
export const lowerAscii = (c: number): number => (isUpper(c) ? c + 32 : c);
