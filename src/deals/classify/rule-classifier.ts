import type { Classification, Classifier, ClassifierInput, Evidence } from '../types';
import type { SentenceInfo } from './analyze-sentences';
import { analyzeSentences, mayActJointly } from './analyze-sentences';
import type { Party, PartyChoice } from './choose-parties';
import { chooseParties } from './choose-parties';
import type { ConfidenceModel, NegativeReason, Signals } from './confidence';
import { bundledConfidenceModel, confidenceOf, dealSignals, negativeSignals } from './confidence';
import type { CompiledCues, VetoFamily } from './cue-data';
import { compileCues } from './cue-data';
import { detectKinds } from './detect-kinds';
import { detectStatus } from './detect-status';
import { detectUnconfirmed } from './detect-unconfirmed';
import { explainDeal, explainNoDeal } from './explain';
import type { CompiledGazetteer } from './gazetteer';
import { compileGazetteer } from './gazetteer';
import type { Exclusion } from './mark-mentions';
import { markMentions } from './mark-mentions';
import type { ItemScan, NameScan } from './scan-item';
import { LazyHits, scanItem, scanNames } from './scan-item';
import { saleWithoutBuyer } from './sale-process';
import { findVeto } from './veto';

/**
 * The rule-first classifier: offline, deterministic and explainable. Every decision carries the
 * phrases that made it (Evidence, offsets into title + "\n" + summary) and one readable sentence.
 */

const VETO_WORDS: Record<string, string> = {
  lawsuit: 'lawsuit or regulation',
  earnings: 'earnings or market',
  price: 'price-change',
  layoffs: 'layoff',
  exec_move: 'executive-move',
  charts_awards: 'chart or awards',
  own_launch: "one company's own product",
  policy: 'policy',
  opinion: 'opinion',
  stats: 'statistics',
  roundup: 'roundup',
};

function exclusionEvidence(scan: ItemScan, exclusions: (Exclusion | null)[]): Evidence[] {
  const out: Evidence[] = [];
  scan.mentions.forEach((m, i) => {
    const ex = exclusions[i];
    if (ex) out.push({ field: 'parties', rule: `not-party:${ex.reason}:${m.entity}`, text: ex.text, start: ex.start, end: ex.end });
  });
  for (const o of scan.outlets) out.push({ field: 'parties', rule: 'not-party:outlet', text: o.text, start: o.start, end: o.end });
  return out;
}

function namedCompanies(infos: SentenceInfo[]): string[] {
  const names = new Map<string, string>();
  for (const s of infos) for (const [root, ms] of s.families) if (!names.has(root)) names.set(root, ms[0]?.entity ?? root);
  return [...names.values()];
}

/** Negative evidence in the headline, recorded for every non-deal so that members see why. */
function titleVetoEvidence(scan: ItemScan, cues: CompiledCues): Evidence[] {
  const out: Evidence[] = [];
  for (const family of cues.veto.keys()) {
    const hit = scan.veto.inTitle(family)[0];
    if (hit) out.push({ field: 'veto', rule: `veto:${family}`, text: hit.text, start: hit.start, end: hit.end });
  }
  return out;
}

/** A decision before its confidence: the classification and the signals the confidence model reads. */
export interface Decision {
  classification: Classification;
  signals: Signals;
}

function questionHeadline(item: { text: string; titleEnd: number }): boolean {
  return item.text.slice(0, item.titleEnd).trim().endsWith('?');
}

function negative(reason: NegativeReason, names: NameScan, evidence: Evidence[], companies: string[], detail?: string): Decision {
  return {
    classification: {
      isPartnership: false,
      confidence: 0,
      parties: [],
      status: null,
      kinds: [],
      unconfirmed: false,
      evidence,
      explanation: explainNoDeal(reason, companies, detail),
    },
    signals: negativeSignals(reason, names.mentions, questionHeadline(names.item)),
  };
}

function whyNoParties(infos: SentenceInfo[]): NegativeReason {
  const roots = new Set(infos.flatMap((s) => [...s.families.keys()]));
  if (roots.size === 0) return 'no-company';
  return roots.size === 1 ? 'one-company' : 'no-deal-clause';
}

/**
 * A deal needs a music or media company among its parties; a company the gazetteer does not know
 * counts as one when the deal's own sentences speak of music or media business.
 */
function scopeParties(scan: ItemScan, choice: PartyChoice): { parties: Party[]; reason: NegativeReason | null } {
  const parties = choice.parties.filter((p) => !p.mentions.some((m) => m.type === 'sports'));
  if (parties.length < 2) return { parties, reason: 'sports' };
  if (parties.some((p) => p.mentions.some((m) => m.media))) return { parties, reason: null };
  const dealSentences = new Set([0, ...choice.supporting]);
  const mediaTalk = scan.markers.get('mediaContext').some((h) => dealSentences.has(h.sentence) && !insideName(scan, h));
  if (parties.some((p) => !p.mention.known) && mediaTalk) return { parties, reason: null };
  return { parties, reason: 'out-of-scope' };
}

function insideName(scan: ItemScan, h: { start: number; end: number }): boolean {
  return scan.mentions.some((m) => h.start >= m.start && h.end <= m.end) || scan.outlets.some((o) => h.start >= o.start && h.end <= o.end);
}

function partyEvidence(parties: Party[]): Evidence[] {
  return parties.map((p) => ({
    field: 'parties' as const,
    rule: p.mention.known ? `party:${p.mention.rule}` : `party:${p.mention.rule}:lower-confidence`,
    text: p.mention.text,
    start: p.mention.start,
    end: p.mention.end,
  }));
}

/** A negative decided from the names alone: the headline's veto words and the outlets are its evidence. */
function earlyNegative(reason: NegativeReason, names: NameScan, cues: CompiledCues, companies: string[]): Decision {
  const lazy = new LazyHits<VetoFamily>(names.item, (f) => cues.veto.get(f)?.set, '', null, [], cues.titleVeto);
  const evidence: Evidence[] = [];
  for (const family of cues.veto.keys()) {
    const hit = lazy.inTitle(family)[0];
    if (hit) evidence.push({ field: 'veto', rule: `veto:${family}`, text: hit.text, start: hit.start, end: hit.end });
  }
  for (const o of names.outlets) evidence.push({ field: 'parties', rule: 'not-party:outlet', text: o.text, start: o.start, end: o.end });
  return negative(reason, names, evidence, companies);
}

/** Fewer than two companies named at all: no deal is possible, so no cue needs reading. */
function fewerThanTwoCompanies(names: NameScan, gaz: CompiledGazetteer, cues: CompiledCues): Decision | null {
  const roots = new Set(names.mentions.map((m) => m.root));
  if (roots.size >= 2) return null;
  const first = names.mentions[0];
  return earlyNegative(roots.size === 0 ? 'no-company' : 'one-company', names, cues, first ? [gaz.entities.get(first.entity)?.name ?? first.entity] : []);
}

/**
 * No music or media company named and no word of music or media business anywhere: whichever
 * companies a deal would join, it is out of scope (see scopeParties), so no cue needs reading.
 */
function noMediaCompany(names: NameScan, cues: CompiledCues): Decision | null {
  if (names.mentions.some((m) => m.media || m.type === 'sports')) return null;
  const spans = [...names.mentions, ...names.outlets];
  const talk = cues.markers.get('mediaContext')?.scan(names.item.text) ?? [];
  if (talk.some((h) => !spans.some((n) => h.start >= n.start && h.end <= n.end))) return null;
  return earlyNegative('out-of-scope', names, cues, [...new Set(names.mentions.map((m) => m.entity))]);
}

function decide(input: ClassifierInput, gaz: CompiledGazetteer, cues: CompiledCues): Decision {
  const named = scanNames(input, gaz);
  const early = fewerThanTwoCompanies(named, gaz, cues) ?? noMediaCompany(named, cues);
  if (early) return early;
  const scan = scanItem(input, gaz, cues, named);
  // no deal word and no two companies acting together: nothing below can find a deal
  if (!scan.dealHits.some((h) => h.cue.deal) && !mayActJointly(scan)) {
    const companies = [...new Set(scan.mentions.map((m) => m.entity))];
    return negative('no-deal-clause', named, [...titleVetoEvidence(scan, cues), ...exclusionEvidence(scan, [])], companies);
  }
  const exclusions = markMentions(scan);
  const infos = analyzeSentences(scan, cues, exclusions);
  const notParties = [...titleVetoEvidence(scan, cues), ...exclusionEvidence(scan, exclusions)];
  const choice = chooseParties(scan, infos);
  if (choice.parties.length < 2) return negative(whyNoParties(infos), named, notParties, namedCompanies(infos));
  const scoped = scopeParties(scan, choice);
  if (scoped.reason) return negative(scoped.reason, named, notParties, choice.parties.map((p) => p.name));
  const deal: PartyChoice = { ...choice, parties: scoped.parties };
  const sale = saleWithoutBuyer(scan, infos, deal);
  if (sale) {
    const saleEvidence: Evidence = { field: 'veto', rule: 'veto:sale-no-buyer', text: sale.text, start: sale.start, end: sale.end };
    return negative('sale-no-buyer', named, [saleEvidence, ...notParties], deal.parties.map((p) => p.name), sale.text);
  }
  const veto = findVeto(scan, cues, infos, deal);
  if (veto) {
    const vetoEvidence: Evidence = { field: 'veto', rule: `veto:${veto.family}`, text: veto.hit.text, start: veto.hit.start, end: veto.hit.end };
    const others = notParties.filter((e) => e.rule !== vetoEvidence.rule);
    return negative('veto', named, [vetoEvidence, ...others], [], VETO_WORDS[veto.family]);
  }
  const status = detectStatus(scan, cues, infos, deal);
  const kinds = detectKinds(scan, cues, infos, status.scope, deal.parties);
  const hedges = detectUnconfirmed(scan, status.scope, status.status);
  const dealHit = deal.supporting.flatMap((i) => infos[i]?.dealHits ?? []).sort((a, b) => a.start - b.start)[0];
  const vetoFamilySeen = [...cues.veto.keys()].some((family) => scan.veto.inTitle(family).length > 0);
  const evidence: Evidence[] = [];
  if (dealHit) evidence.push({ field: 'is_partnership', rule: `deal:${dealHit.cue.id}`, text: dealHit.text, start: dealHit.start, end: dealHit.end });
  evidence.push(...partyEvidence(deal.parties));
  if (status.hit) evidence.push({ field: 'status', rule: status.rule, text: status.hit.text, start: status.hit.start, end: status.hit.end });
  const overridden = notParties.map((e) => (e.field === 'veto' ? { ...e, rule: e.rule.replace(/^veto:/, 'veto-overridden:') } : e));
  evidence.push(...kinds.evidence, ...hedges.evidence, ...overridden);
  const names = deal.parties.map((p) => p.name);
  const facts = { choice: deal, parties: deal.parties, status, unconfirmed: hedges.unconfirmed, vetoOverridden: vetoFamilySeen, questionHeadline: questionHeadline(scan.item) };
  return {
    classification: {
      isPartnership: true,
      confidence: 0,
      parties: names,
      status: status.status,
      kinds: kinds.kinds,
      unconfirmed: hedges.unconfirmed,
      evidence,
      explanation: explainDeal(names, status.status, hedges.unconfirmed, dealHit?.text, status.hit?.text, dealHit?.sentence === 0),
    },
    signals: dealSignals(facts, scan.mentions),
  };
}

export interface RuleClassifierOptions {
  /** Another gazetteer (the evaluation leaves the labeled parties out of it); the bundled one by default. */
  gazetteer?: CompiledGazetteer;
  /** Another confidence model (the evaluation refits it without the items it scores); the bundled one by default. */
  confidence?: ConfidenceModel;
}

/** The rules' decisions with their signals, before confidence (what the confidence model is fitted on). */
export function createRuleDecider(options: Pick<RuleClassifierOptions, 'gazetteer'> = {}): (input: ClassifierInput) => Decision {
  const gaz = options.gazetteer ?? compileGazetteer();
  const cues = compileCues();
  return (input) => decide(input, gaz, cues);
}

export const RULE_CLASSIFIER_NAME = 'rules-v2';

/** Builds the rule classifier (compiles the gazetteer and cue files once). */
export function createRuleClassifier(options: RuleClassifierOptions = {}): Classifier {
  const decideItem = createRuleDecider(options);
  const model = options.confidence ?? bundledConfidenceModel();
  return {
    name: RULE_CLASSIFIER_NAME,
    classify: (input) => {
      const { classification, signals } = decideItem(input);
      // each decision is a fresh object: filling in its confidence in place keeps the key order and spares a copy
      classification.confidence = confidenceOf(model, classification.isPartnership, signals);
      return classification;
    },
  };
}

let shared: Classifier | null = null;

/** Classifies one item with a shared rule classifier (built on first use). */
export function classifyItem(input: ClassifierInput): Classification {
  shared ??= createRuleClassifier();
  return shared.classify(input);
}
