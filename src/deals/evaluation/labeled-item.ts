import { z } from 'zod';
import { KINDS, STATUSES } from '../types';

/** One line of a labeled JSON Lines file (schema: ../shared/corpus/DEALS-LABELS.md section 1). */
export const labeledItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  url: z.string().optional().nullable(),
  source: z.string().optional().nullable(),
  date: z.string().optional().nullable(),
  category: z.enum(['positive', 'hard_negative', 'off_topic']),
  is_partnership: z.boolean(),
  parties: z.array(z.string()),
  status: z.enum(STATUSES).nullable(),
  kind: z.array(z.enum(KINDS)),
  note: z.string().default(''),
});
export type LabeledItem = z.infer<typeof labeledItemSchema>;

/** Flags that mark a label as uncertain (reported with and without these items). */
export const UNCERTAIN_FLAGS = ['AMBIGUOUS', 'borderline', 'MIXED'] as const;
/** Flags that mark hard but confidently labelled items. */
export const HARD_FLAGS = ['TRICKY', 'SCOPE BOUNDARY', 'OFF-TOPIC PARTNERSHIP'] as const;

export function isUncertain(item: LabeledItem): boolean {
  return UNCERTAIN_FLAGS.some((f) => item.note.includes(f));
}

export function isHard(item: LabeledItem): boolean {
  return HARD_FLAGS.some((f) => item.note.includes(f));
}

/** Parses a JSON Lines file's text; a bad line throws with its line number. */
export function parseLabeledItems(text: string): LabeledItem[] {
  const items: LabeledItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`line ${i + 1}: not JSON (${(error as Error).message})`, { cause: error });
    }
    const parsed = labeledItemSchema.safeParse(json);
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    items.push(parsed.data);
  });
  return items;
}
