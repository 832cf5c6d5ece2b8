/** Small field checkers shared by the message and command validators. Lengths are counted in Unicode
 * code points, as Discord counts them. */
import { isRecord } from './api-types';
import type { FieldProblem } from './discord-error';

export type Path = (string | number)[];

export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

export class ProblemList {
  readonly items: FieldProblem[] = [];

  add(path: Path, code: string, message: string): void {
    this.items.push({ path: [...path], code, message });
  }

  /** A string field: type, required, and length bounds. Returns the string when it is one. */
  string(path: Path, value: unknown, opts: { min?: number; max: number; required?: boolean; nonBlank?: boolean }): string | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
      return undefined;
    }
    const n = textLength(value);
    const min = opts.min ?? 0;
    if (opts.nonBlank && value.trim() === '') this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    else if (n > opts.max || n < min) {
      if (min > 0) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${opts.max} in length.`);
      else this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${opts.max} or fewer in length.`);
    }
    return value;
  }

  /** An array field with a maximum (and minimum) item count. Returns the array when it is one. */
  list(path: Path, value: unknown, opts: { min?: number; max: number; required?: boolean }): unknown[] | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(path, 'BASE_TYPE_LIST', 'Must be an array.');
      return undefined;
    }
    const min = opts.min ?? 0;
    if (value.length > opts.max || value.length < min) {
      if (min > 0) this.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${opts.max} in length.`);
      else this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${opts.max} or fewer in length.`);
    }
    return value as unknown[];
  }

  object(path: Path, value: unknown, required = false): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
      return undefined;
    }
    if (!isRecord(value)) {
      this.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return undefined;
    }
    return value;
  }

  integer(path: Path, value: unknown, opts: { min?: number; max?: number } = {}): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
      return undefined;
    }
    if ((opts.min !== undefined && value < opts.min) || (opts.max !== undefined && value > opts.max)) {
      this.add(path, 'NUMBER_TYPE_MAX', `int value should be between ${opts.min ?? '-inf'} and ${opts.max ?? 'inf'}.`);
    }
    return value;
  }

  url(path: Path, value: unknown, opts: { allowAttachment?: boolean } = {}): void {
    if (value === undefined || value === null) return;
    const text = this.string(path, value, { max: 2048 });
    if (text === undefined) return;
    const schemes = opts.allowAttachment ? ['http:', 'https:', 'attachment:'] : ['http:', 'https:'];
    let ok: boolean;
    try {
      ok = schemes.includes(new URL(text).protocol);
    } catch {
      ok = false;
    }
    if (!ok) this.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
}
