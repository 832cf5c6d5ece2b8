import { z } from 'zod';
import raw from './data/takeaway-templates.json';
import { KINDS, STATUSES } from './types';
import type { DealKind, DealStatus } from './types';

/** The phases the kind templates are written for; a denial has no kind template. */
export type TemplatePhase = 'speculative' | 'agreed' | 'live' | 'ended';

const phaseTexts = z.object({
  speculative: z.string().min(1),
  agreed: z.string().min(1),
  live: z.string().min(1),
  ended: z.string().min(1),
});

const templateFile = z.object({
  status: z.object(Object.fromEntries(STATUSES.map((s) => [s, z.array(z.string().min(1)).min(1)])) as Record<
    DealStatus,
    z.ZodArray<z.ZodString>
  >),
  kind: z.object(Object.fromEntries([...KINDS, 'general'].map((k) => [k, phaseTexts])) as Record<
    DealKind | 'general',
    typeof phaseTexts
  >),
});

export type TakeawayTemplates = z.infer<typeof templateFile>;

/** The bundled templates, validated once at load (a broken data file fails fast, not at post time). */
export const TAKEAWAY_TEMPLATES: TakeawayTemplates = templateFile.parse(raw);

export function phaseOf(status: DealStatus): TemplatePhase | null {
  switch (status) {
    case 'rumored':
    case 'in_talks':
      return 'speculative';
    case 'announced':
      return 'agreed';
    case 'launched':
      return 'live';
    case 'ended':
      return 'ended';
    case 'denied':
      return null;
  }
}

/** Kind templates for the deal's kinds (most salient first), or the general one when it has none. */
export function selectKindTemplates(kinds: readonly DealKind[], status: DealStatus): string[] {
  const phase = phaseOf(status);
  if (phase === null) return [];
  const keys: (DealKind | 'general')[] = kinds.length > 0 ? [...new Set(kinds)] : ['general'];
  return keys.map((k) => TAKEAWAY_TEMPLATES.kind[k][phase]);
}

export function selectStatusTemplates(status: DealStatus): string[] {
  return [...TAKEAWAY_TEMPLATES.status[status]];
}

/** Fills `{parties}`: "A and B", "A, B and C"; fewer than two or more than three give a neutral phrase. */
export function renderTemplate(template: string, parties: readonly string[] | null): string {
  return template.replace(/\{parties\}/g, () => joinParties(parties));
}

function joinParties(parties: readonly string[] | null): string {
  const names = (parties ?? []).filter((p) => p.trim().length > 0);
  if (names.length < 2 || names.length > 3) return 'the companies involved';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
