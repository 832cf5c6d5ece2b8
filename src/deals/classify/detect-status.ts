import type { DealStatus } from '../types';
import type { CompiledCues } from './cue-data';
import type { SentenceInfo } from './analyze-sentences';
import { isBlocked } from './analyze-sentences';
import type { PartyChoice } from './choose-parties';
import type { DealHit, ItemScan, Located } from './scan-item';
import { readInScope } from './status-scope';

/**
 * Status from cue families scoped to the deal's sentences. Inside a clause the most explicit cue wins
 * (an explicit stage over a reporting verb over a bare deal verb), then precedence: denied, ended,
 * launched, announced, in_talks, rumored. An inline update or correction wins; otherwise the body
 * decides when it reports an explicit stage, else the headline. A launch with a future marker is an
 * announcement; a closing the item says has not happened is an announcement.
 */

const PRECEDENCE: DealStatus[] = ['denied', 'ended', 'launched', 'announced', 'in_talks', 'rumored'];

export interface StatusDecision {
  status: DealStatus;
  tier: number;
  hit: DealHit | null;
  rule: string;
  /** The sentences whose clauses were read (for kinds and hedges). */
  scope: number[];
}

interface Candidate {
  status: DealStatus;
  tier: number;
  hit: DealHit;
  rule: string;
}

const CLOSING_CUES = new Set(['completes-acquisition', 'deal-closed', 'finalized-purchase', 'now-acquired']);

function wordsBetween(text: string, from: number, to: number): number {
  const gap = text.slice(from, to).trim();
  return gap === '' ? 0 : gap.split(/\s+/).length;
}

function inClause(l: Located, h: DealHit): boolean {
  return l.sentence === h.sentence && l.clause === h.clause;
}

/** Drops cues that another cue or marker governs ("in talks to acquire", "could collapse", "denied having reached a deal"). */
function suppressed(scan: ItemScan, h: DealHit, clauseHits: DealHit[]): boolean {
  const text = scan.item.text;
  const near = (a: Located, limit: number): boolean => a.end <= h.start && wordsBetween(text, a.end, h.start) <= limit;
  const modal = scan.markers.get('modal').some((m) => inClause(m, h) && near(m, 5));
  if (modal && (h.cue.status === 'ended' || h.cue.status === 'launched' || (h.cue.status === 'announced' && h.cue.tier === 0))) {
    return true;
  }
  for (const other of clauseHits) {
    if (other === h || !other.cue.status || other.end > h.start) continue;
    const s = other.cue.status;
    if (s === 'denied' && near(other, 10)) return true;
    if (s === 'rumored' && near(other, 5) && (h.cue.status === 'in_talks' || h.cue.tier === 0)) return true;
    if (s === 'in_talks' && near(other, h.cue.tier === 0 ? 6 : 4) && h.cue.status === 'announced') return true;
  }
  return false;
}

function candidatesIn(scan: ItemScan, cues: CompiledCues, info: SentenceInfo): Candidate[] {
  const out: Candidate[] = [];
  const sentence = scan.item.sentences[info.index];
  const statusHits = scan.dealHits.filter((h) => h.sentence === info.index && h.cue.status && !h.cue.none);
  const notClosed = scan.markers.get('notClosed').length > 0;
  for (const h of statusHits) {
    const flags = info.clauses[h.clause];
    if (!flags || flags.background || flags.proposal || flags.artist) continue;
    if (flags.vetoed.length > 0 && !info.exception) continue;
    const clause = sentence?.clauses[h.clause];
    if (h.cue.needsDealWord && clause && !cues.dealWord.test(scan.item.text.slice(clause.start, clause.end).replace(h.text, ' '))) {
      continue;
    }
    const clauseHits = statusHits.filter((o) => o.clause === h.clause);
    const reading = readInScope(scan, h);
    if (reading === null) continue;
    if (reading === 'as-is' && suppressed(scan, h, clauseHits)) continue;
    let status = reading === 'as-is' ? (h.cue.status as DealStatus) : reading.status;
    let rule = reading === 'as-is' ? `status:${h.cue.id}` : `status:${h.cue.id}+${reading.note}`;
    const tier = reading === 'as-is' ? h.cue.tier : reading.tier;
    if (status === 'launched' && h.cue.id !== 'live-today') {
      const future = scan.markers.get('future').some((f) => inClause(f, h));
      if (future) {
        status = 'announced';
        rule += '+future';
      } else if (notClosed && CLOSING_CUES.has(h.cue.id)) {
        status = 'announced';
        rule += '+not-closed';
      }
    }
    out.push({ status, tier, hit: h, rule });
  }
  return out;
}

function best(candidates: Candidate[]): Candidate | null {
  if (candidates.length === 0) return null;
  const top = Math.max(...candidates.map((c) => c.tier));
  const pool = candidates.filter((c) => c.tier === top);
  return pool.sort((a, b) => PRECEDENCE.indexOf(a.status) - PRECEDENCE.indexOf(b.status))[0] ?? null;
}

/** The summary sentences that speak about this deal (not about another one). */
function scopeSentences(scan: ItemScan, infos: SentenceInfo[], choice: PartyChoice): SentenceInfo[] {
  const roots = new Set(choice.parties.map((p) => p.root));
  const anaphors = scan.markers.get('anaphor');
  return infos.filter((s) => {
    if (s.isTitle) return true;
    if (s.other || s.clauses.every((c) => isBlocked(c) && !s.exception)) return false;
    const fams = [...s.families.keys()];
    const core = fams.filter((f) => roots.has(f)).length;
    const foreign = fams.length - core;
    if (foreign > 0 && core < 2) return false;
    return core > 0 || anaphors.some((a) => a.sentence === s.index);
  });
}

/** Decides the deal's status (only called for partnerships). */
export function detectStatus(scan: ItemScan, cues: CompiledCues, infos: SentenceInfo[], choice: PartyChoice): StatusDecision {
  const scope = scopeSentences(scan, infos, choice);
  const scopeIdx = scope.map((s) => s.index);
  const updates = scan.markers.get('update').filter((u) => {
    const s = scan.item.sentences[u.sentence];
    return !!s && u.start - s.start <= 2;
  });
  for (const u of updates) {
    const info = infos[u.sentence];
    const c = info ? best(candidatesIn(scan, cues, info)) : null;
    if (c) return { status: c.status, tier: c.tier, hit: c.hit, rule: `${c.rule}+update`, scope: scopeIdx };
  }
  const title = scope.find((s) => s.isTitle);
  const titleBest = title ? best(candidatesIn(scan, cues, title)) : null;
  const body = scope.filter((s) => !s.isTitle).flatMap((s) => candidatesIn(scan, cues, s));
  const bodyExplicit = body.filter((c) => c.tier === 2);
  let chosen: Candidate | null;
  if (bodyExplicit.length > 0) chosen = best(bodyExplicit);
  else if (titleBest && titleBest.tier >= 1) chosen = titleBest;
  else chosen = best(body) ?? titleBest;
  const question = scan.item.text.slice(0, scan.item.titleEnd).trim().endsWith('?');
  const fromTitle = !chosen || chosen === titleBest;
  if (question && fromTitle && (!chosen || ['announced', 'in_talks'].includes(chosen.status))) {
    return { status: 'rumored', tier: 1, hit: chosen?.hit ?? null, rule: 'status:question-headline', scope: scopeIdx };
  }
  if (!chosen) return { status: 'announced', tier: 0, hit: null, rule: 'status:default-reported-deal', scope: scopeIdx };
  return { status: chosen.status, tier: chosen.tier, hit: chosen.hit, rule: chosen.rule, scope: scopeIdx };
}
