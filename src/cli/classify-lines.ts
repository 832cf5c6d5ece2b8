import { z } from 'zod';
import { writeTakeaways } from '../deals/takeaways';
import type { Takeaway } from '../deals/takeaways';
import type { Classification, Classifier, Evidence } from '../deals/types';

/** The JSON Lines contract of `npm run classify` (PRODUCT.md section 5), apart from stdin and stdout. */

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  title: z.string(),
  summary: z.string(),
  url: z.string().nullish(),
  source: z.string().nullish(),
  date: z.string().nullish(),
});

/** One output line, exactly these keys in this order. */
export interface ClassificationRecord {
  id: string | number;
  is_partnership: boolean;
  confidence: number;
  parties: string[];
  status: Classification['status'];
  kind: string[];
  unconfirmed: boolean;
  evidence: Evidence[];
  takeaways: Takeaway[];
}

export function toRecord(id: string | number, c: Classification, takeaways: Takeaway[]): ClassificationRecord {
  const deal = c.isPartnership;
  return {
    id,
    is_partnership: deal,
    confidence: c.confidence,
    parties: deal ? c.parties : [],
    status: deal ? c.status : null,
    kind: deal ? c.kinds : [],
    unconfirmed: deal ? c.unconfirmed : false,
    evidence: c.evidence,
    takeaways: deal ? takeaways : [],
  };
}

export type LineResult = { ok: true; line: string } | { ok: false; error: string };

/** Classifies one input line; a bad line gives an error message instead of throwing. */
export function classifyLine(raw: string, lineNumber: number, classifier: Classifier): LineResult | null {
  if (raw.trim() === '') return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, error: `line ${lineNumber}: not JSON (${(error as Error).message})` };
  }
  const parsed = inputSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ');
    return { ok: false, error: `line ${lineNumber}: ${issues}` };
  }
  const input = parsed.data;
  const classification = classifier.classify({
    id: String(input.id),
    title: input.title,
    summary: input.summary,
    url: input.url ?? undefined,
    source: input.source ?? undefined,
    date: input.date ?? undefined,
  });
  const takeaways = writeTakeaways(
    { title: input.title, summary: input.summary, link: input.url ?? undefined, sourceName: input.source ?? undefined },
    classification,
  );
  return { ok: true, line: JSON.stringify(toRecord(input.id, classification, takeaways)) };
}

/** Classifies every line: one output line per good input, one error per bad one. Returns the number of bad lines. */
export async function classifyJsonLines(
  lines: AsyncIterable<string> | Iterable<string>,
  classifier: Classifier,
  out: (line: string) => void,
  err: (message: string) => void,
): Promise<number> {
  let n = 0;
  let bad = 0;
  for await (const raw of lines) {
    n += 1;
    const result = classifyLine(raw, n, classifier);
    if (!result) continue;
    if (result.ok) out(result.line);
    else {
      bad += 1;
      err(result.error);
    }
  }
  return bad;
}
