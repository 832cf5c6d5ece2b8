import { z } from 'zod';
import { ENTITY_SUBTYPES, ENTITY_TYPES } from '../classify/gazetteer';
import raw from '../data/takeaway-templates.json';
import { findDealTarget } from './deal-target';
import type { PartyType } from './party-types';
import { partyType } from './party-types';
import { KINDS, STATUSES } from '../types';
import type { DealKind, DealStatus } from '../types';

/** The phases the kind templates are written for; a denial has no kind template. */
export type TemplatePhase = 'speculative' | 'agreed' | 'live' | 'ended';

const phaseTexts = z.object({
  speculative: z.string().min(1),
  agreed: z.string().min(1),
  live: z.string().min(1),
  ended: z.string().min(1),
});

const templateFile = z
  .object({
    status: z.object(Object.fromEntries(STATUSES.map((s) => [s, z.array(z.string().min(1)).min(1)])) as Record<DealStatus, z.ZodArray<z.ZodString>>),
    kind: z.object(Object.fromEntries([...KINDS, 'general'].map((k) => [k, phaseTexts])) as Record<DealKind | 'general', typeof phaseTexts>),
    /** Groups of gazetteer types ("label", or "type/subtype": "social_tech/social") a fitted text can ask for. */
    roles: z.record(z.string().regex(/^[a-z_]+$/), z.object({ types: z.array(z.string()).min(1), neutral: z.string().min(1) })),
    /** Read by deal-target.ts: the words that mark the party bought or sold. */
    targetCues: z.object({ before: z.string().min(1), after: z.string().min(1) }),
    fitted: z.array(
      z.object({
        id: z.string().min(1),
        kinds: z.array(z.enum(KINDS)).min(1),
        parties: z.array(z.string()).min(1),
        /** This role's party must be the one bought or sold (deal-target.ts). */
        target: z.string().optional(),
        texts: phaseTexts,
      }),
    ),
  })
  .superRefine((file, ctx) => {
    for (const [role, { types }] of Object.entries(file.roles)) {
      for (const t of types) if (!isKnownType(t)) ctx.addIssue({ code: 'custom', message: `role ${role}: ${t} is not a gazetteer type` });
    }
    for (const rule of file.fitted) {
      for (const role of rule.parties) if (!(role in file.roles)) ctx.addIssue({ code: 'custom', message: `${rule.id}: no role ${role}` });
      if (rule.target !== undefined && !rule.parties.includes(rule.target)) ctx.addIssue({ code: 'custom', message: `${rule.id}: target ${rule.target} is not one of its parties` });
      const once = rule.parties.filter((r) => rule.parties.indexOf(r) === rule.parties.lastIndexOf(r));
      for (const text of Object.values(rule.texts)) {
        for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
          if (name !== 'parties' && !once.includes(name ?? '')) ctx.addIssue({ code: 'custom', message: `${rule.id}: {${name}} names no single party of the rule` });
        }
      }
    }
  });

function isKnownType(name: string): boolean {
  const [type, subtype] = name.split('/');
  if (!(ENTITY_TYPES as readonly string[]).includes(type ?? '')) return false;
  return subtype === undefined || ((ENTITY_SUBTYPES as Partial<Record<string, readonly string[]>>)[type ?? ''] ?? []).includes(subtype);
}

export type TakeawayTemplates = z.infer<typeof templateFile>;

/** The bundled templates, validated once at load (a broken data file fails fast, not at post time). */
export const TAKEAWAY_TEMPLATES: TakeawayTemplates = templateFile.parse(raw);

/** A background point to render: its text and, per placeholder, the party it names (where one party fits). */
export interface BackgroundTemplate {
  template: string;
  names: Readonly<Record<string, string>>;
  /** The fitted rule it comes from, if any (for tests and debugging). */
  rule?: string;
}

function phaseOf(status: DealStatus): TemplatePhase | null {
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

/**
 * Per kind of the deal (most salient first; `general` when it has none): the fitted text of the most
 * specific rule the parties' types fit, else the kind's own text. Fitted texts first (they say the
 * most about this deal), each text once. `texts` (headline, then summary) tell which party is bought
 * or sold, for the rules that need to know.
 */
export function selectKindTemplates(
  kinds: readonly DealKind[],
  status: DealStatus,
  parties: readonly string[] = [],
  texts: readonly string[] = [],
): BackgroundTemplate[] {
  const phase = phaseOf(status);
  if (phase === null) return [];
  const target = kinds.includes('investment_acquisition') ? findDealTarget(texts, parties) : undefined;
  const roles: PartyRoles = parties.map((p) => ({ name: p, roles: rolesOf(partyType(p)), target: p === target }));
  const out: BackgroundTemplate[] = [];
  for (const kind of kinds.length > 0 ? [...new Set(kinds)] : ['general' as const]) {
    const rule = kind === 'general' ? undefined : bestRule(kind, roles);
    const point: BackgroundTemplate = rule
      ? { template: rule.texts[phase], names: namesFor(rule, roles), rule: rule.id }
      : { template: TAKEAWAY_TEMPLATES.kind[kind][phase], names: {} };
    if (!out.some((p) => p.template === point.template)) out.push(point);
  }
  return [...out.filter((p) => p.rule !== undefined), ...out.filter((p) => p.rule === undefined)];
}

export function selectStatusTemplates(status: DealStatus): BackgroundTemplate[] {
  return TAKEAWAY_TEMPLATES.status[status].map((template) => ({ template, names: {} }));
}

/**
 * Fills the placeholders: `{parties}` with "A and B" / "A, B and C" (a neutral phrase for fewer than
 * two or more than three), a role with its party's name. `parties` null: every placeholder neutral
 * (for when the names do not fit).
 */
export function renderTemplate(point: BackgroundTemplate, parties: readonly string[] | null): string {
  return point.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'parties') return joinParties(parties);
    return (parties !== null ? point.names[name] : undefined) ?? TAKEAWAY_TEMPLATES.roles[name]?.neutral ?? name;
  });
}

type PartyRoles = { name: string; roles: ReadonlySet<string>; target: boolean }[];
type FittedRule = TakeawayTemplates['fitted'][number];

/** The roles a party of this type can fill (none for a company the gazetteer does not know). */
function rolesOf(type: PartyType | undefined): ReadonlySet<string> {
  if (type === undefined) return new Set();
  const keys = [type.type, ...(type.subtype === undefined ? [] : [`${type.type}/${type.subtype}`])];
  return new Set(Object.entries(TAKEAWAY_TEMPLATES.roles).filter(([, r]) => keys.some((k) => r.types.includes(k))).map(([role]) => role));
}

/** The fitted rule for a kind with the most party roles filled, each by a different party; first listed on a tie. */
function bestRule(kind: DealKind, parties: PartyRoles): FittedRule | undefined {
  let best: FittedRule | undefined;
  for (const rule of TAKEAWAY_TEMPLATES.fitted) {
    if (!rule.kinds.includes(kind) || !canFill(rule, parties)) continue;
    if (best === undefined || rule.parties.length > best.parties.length) best = rule;
  }
  return best;
}

/** Each role of the rule filled by a different party, the target role (if any) by the party bought or sold. */
function canFill(rule: FittedRule, parties: PartyRoles): boolean {
  const targetAt = rule.target === undefined ? -1 : parties.findIndex((p) => p.target && p.roles.has(rule.target as string));
  if (rule.target !== undefined && targetAt < 0) return false;
  const wanted = [...rule.parties];
  if (rule.target !== undefined) wanted.splice(wanted.indexOf(rule.target), 1);
  return fillFrom(wanted, parties, new Set(targetAt < 0 ? [] : [targetAt]));
}

function fillFrom(wanted: readonly string[], parties: PartyRoles, used: Set<number>): boolean {
  const [role, ...rest] = wanted;
  if (role === undefined) return true;
  return parties.some((p, i) => {
    if (used.has(i) || !p.roles.has(role)) return false;
    used.add(i);
    const ok = fillFrom(rest, parties, used);
    used.delete(i);
    return ok;
  });
}

/**
 * A role's placeholder names the party bought or sold for a target role, else a party only when it is
 * the one party that can fill the role; otherwise the neutral words.
 */
function namesFor(rule: FittedRule, parties: PartyRoles): Record<string, string> {
  const names: Record<string, string> = {};
  for (const role of new Set(rule.parties)) {
    const fit = role === rule.target ? parties.filter((p) => p.target) : parties.filter((p) => p.roles.has(role));
    if (fit.length === 1 && fit[0] !== undefined) names[role] = fit[0].name;
  }
  return names;
}

function joinParties(parties: readonly string[] | null): string {
  const names = (parties ?? []).filter((p) => p.trim().length > 0);
  if (names.length < 2 || names.length > 3) return 'the companies involved';
  if (names.length === 2) return `${names[0]} and ${names[1]}`;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
