import type { CompiledCues, MarkerGroup, VetoFamily } from './cue-data';
import type { Mention } from './find-mentions';
import type { Exclusion } from './mark-mentions';
import type { DealHit, ItemScan, Located } from './scan-item';

/** Per sentence: which clauses are history, another deal, a proposal, an artist deal or vetoed; which deal cues count; which companies take part. */

export interface ClauseFlags {
  background: Located | null;
  proposal: Located | null;
  artist: Located | null;
  vetoed: { family: VetoFamily; hit: Located }[];
}

export interface SentenceInfo {
  index: number;
  isTitle: boolean;
  clauses: ClauseFlags[];
  /** Deal cues that count: a deal word in a clause that is not history, a proposal, an artist deal or vetoed. */
  dealHits: DealHit[];
  strength: 'strong' | 'weak' | null;
  /** Companies that can be parties here, by family (root). */
  families: Map<string, Mention[]>;
  /** The sentence reports another deal ("also", "a month later", "follows"). */
  other: Located | null;
  /** A settlement with a licence, or a terminated licence: a lawsuit clause that is still a deal. */
  exception: Located | null;
}

export function isBlocked(flags: ClauseFlags | undefined): boolean {
  return !flags || !!flags.background || !!flags.proposal || !!flags.artist || flags.vetoed.length > 0;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function futureInClause(scan: ItemScan, hit: Located): boolean {
  return scan.markers.get('future').some((f) => f.sentence === hit.sentence && f.clause === hit.clause);
}

const PAST_VERB = /\b(?:\w+ed|made|bought|sold|began|took|won|struck|signed|paid|led|held|became|said)\b/i;

/** "acquired it in January" is history: a past-tense clause, not about the future, not from the item's own month. */
function isBackgroundMonth(scan: ItemScan, hit: Located): boolean {
  const month = MONTHS.findIndex((m) => hit.text.toLowerCase().includes(m)) + 1;
  if (futureInClause(scan, hit)) return false;
  const clause = scan.item.sentences[hit.sentence]?.clauses[hit.clause];
  if (!clause || !PAST_VERB.test(scan.item.text.slice(clause.start, clause.end))) return false;
  return scan.month === null || month !== scan.month;
}

function isBackground(scan: ItemScan, hit: Located): boolean {
  const year = /(?:19|20)\d\d/.exec(hit.text);
  if (!year) return true;
  const y = Number(year[0]);
  if (scan.year !== null) return y < scan.year;
  return !futureInClause(scan, hit);
}

/** The hits clause flags are read from, looked up once per item rather than once per clause. */
interface ClauseMarkers {
  background: Located[];
  backgroundMonth: Located[];
  proposal: Located[];
  artist: Located[];
  veto: { family: VetoFamily; hits: Located[] }[];
}

function clauseMarkers(scan: ItemScan, cues: CompiledCues): ClauseMarkers {
  const veto: ClauseMarkers['veto'] = [];
  for (const [family, entry] of cues.veto) if (entry.clauseLevel) veto.push({ family, hits: scan.veto.get(family) });
  const get = (group: MarkerGroup): Located[] => scan.markers.get(group);
  return { background: get('background'), backgroundMonth: get('backgroundMonth'), proposal: get('proposal'), artist: get('artist'), veto };
}

function clauseFlags(scan: ItemScan, markers: ClauseMarkers, sentence: number, clauseCount: number, exception: Located | null): ClauseFlags[] {
  const flags: ClauseFlags[] = [];
  for (let c = 0; c < clauseCount; c += 1) {
    const inClause = (l: Located): boolean => l.sentence === sentence && l.clause === c;
    const background =
      markers.background.find((h) => inClause(h) && isBackground(scan, h)) ??
      markers.backgroundMonth.find((h) => inClause(h) && isBackgroundMonth(scan, h)) ??
      null;
    const proposal =
      markers.proposal.find((p) => inClause(p) && scan.dealHits.some((d) => inClause(d) && !!d.cue.deal && d.start > p.start)) ?? null;
    const artist = markers.artist.find(inClause) ?? null;
    const vetoed: ClauseFlags['vetoed'] = [];
    for (const { family, hits } of markers.veto) {
      if (family === 'lawsuit' && exception) continue;
      const hit = hits.find(inClause);
      if (hit) vetoed.push({ family, hit });
    }
    flags.push({ background, proposal, artist, vetoed });
  }
  // a short leading time adverbial ("Back in 2013, ...", "Last year, ...") dates the whole sentence
  const lead = flags[0]?.background;
  const first = scan.item.sentences[sentence]?.clauses[0];
  const opensClause = !!lead && !!first && scan.item.text.slice(first.start, lead.start).trim().split(/\s+/).filter(Boolean).length <= 1;
  if (lead && first && opensClause && flags.length > 1 && scan.item.text.slice(first.start, first.end).trim().split(/\s+/).length <= 6) {
    for (const f of flags) f.background ??= lead;
  }
  return flags;
}

const JOINT_GAP = /^\s*(?:,|and|&|x|×|with)\s*(?:the\s+)?$/i;
const JOINT_VERB =
  /^\s*(?:\([^)]{1,24}\)\s*)?,?\s*(?:(?:have|has|jointly|will|today|also|on \w+|officially|both)\s+)*(?:announced|announce|unveiled|unveil|revealed|reveal|launched|launch|teamed|team|partnered|partner|signed|sign|struck|strike|inked|ink|agreed|agree|reached|formed|form|entered|said in a (?:joint )?statement|to (?:create|launch|build|team|partner|offer|bring|develop|produce|make|merge|combine|form|co-produce|co-finance|stream|host|air|release))\b/i;
const REPORTING_VERB = /\b(?:announced|announce|unveiled|unveil|revealed|reveal|launched|launch)$/i;
const DEAL_OBJECT_SOON =
  /^\s+(?:their\b|(?:[\w'-]+\s+){0,5}?(?:deals?|agreements?|partnerships?|pacts?|mergers?|acquisitions?|alliances?|tie-?ups?|ventures?|collaborations?|joint|together|bundles?|licen[cs]\w*|investments?|plans? to (?:merge|combine|partner)|podcasts?|series|shows?|films?|documentar(?:y|ies)|concerts?|festivals?|events?|tours?|channels?|services?|apps?|features?|experiences?|programmes?|programs?|integrations?|offers?|plans?)\b)/i;
const JOINT_CUE = { id: 'joint-subject', deal: 'strong' as const, tier: 0 as const, needsDealWord: false, none: false };

/** Two companies named side by side before a joint verb somewhere in the item (before any exclusion or clause is read). */
export function mayActJointly(scan: Pick<ItemScan, 'mentions' | 'item'>): boolean {
  const text = scan.item.text;
  return scan.mentions.some((a, i) => {
    const b = scan.mentions[i + 1];
    return !!b && a.sentence === b.sentence && a.root !== b.root && JOINT_GAP.test(text.slice(a.end, b.start)) && JOINT_VERB.test(text.slice(b.end, b.end + 60));
  });
}

/** "X and Y announced ...", "X, Y to create ...": two companies acting together. */
function jointSubjectHits(scan: ItemScan, sentence: number, flags: ClauseFlags[], exclusions: (Exclusion | null)[]): DealHit[] {
  const hits: DealHit[] = [];
  const text = scan.item.text;
  scan.mentions.forEach((a, i) => {
    const b = scan.mentions[i + 1];
    if (!b || a.sentence !== sentence || b.sentence !== sentence || a.root === b.root) return;
    if (exclusions[i] || exclusions[i + 1] || isBlocked(flags[b.clause])) return;
    if (!JOINT_GAP.test(text.slice(a.end, b.start))) return;
    const verb = JOINT_VERB.exec(text.slice(b.end, b.end + 60));
    if (!verb) return;
    // "X and Y announce record results": a reporting verb links them only when what they announce is a deal
    if (REPORTING_VERB.test(verb[0]) && !DEAL_OBJECT_SOON.test(text.slice(b.end + verb[0].length, b.end + verb[0].length + 60))) return;
    hits.push({ start: a.start, end: b.end + verb[0].length, text: text.slice(a.start, b.end + verb[0].length), sentence, clause: b.clause, cue: JOINT_CUE });
  });
  return hits;
}

/** A deal word that only says a deal exists ("its deals with", "has partnerships with", "X's stake"): not news of one. */
const STATE_BEFORE =
  /(?:\b(?:has|have|had|holds?|held|possess(?:es|ed)?|owns?|owned)\s+(?:(?:a|an|the|its|their|several|many|existing|long-standing|longstanding|multiple|some)\s+)?(?:(?!\w+ed\b)[\w-]+\s+)?|\b(?:its|their)\s+(?:(?!\w+ed\b)[\w-]+\s+)?|[A-Za-z0-9.]+'s?\s+(?:(?!\w+ed\b)[\w-]+\s+)?)$/i;
const STATE_NOUN = /^(?:deals?|partnerships?|stakes?|agreements?|contracts?|ties|relationships?|alliances?|investments?)$/i;

function isState(scan: ItemScan, h: DealHit): boolean {
  return STATE_NOUN.test(h.text) && STATE_BEFORE.test(scan.item.text.slice(Math.max(0, h.start - 50), h.start));
}

function validDealHits(scan: ItemScan, cues: CompiledCues, sentence: number, flags: ClauseFlags[]): DealHit[] {
  const sentenceInfo = scan.item.sentences[sentence];
  // a state counts when its clause says what happens to it ("its deal with X expires")
  const staged = (h: DealHit): boolean => scan.dealHits.some((o) => o !== h && o.sentence === h.sentence && o.clause === h.clause && !!o.cue.status);
  return scan.dealHits.filter((h) => {
    if (h.sentence !== sentence || !h.cue.deal || h.cue.none || isBlocked(flags[h.clause])) return false;
    if (isState(scan, h) && !staged(h)) return false;
    if (!h.cue.needsDealWord) return true;
    const clause = sentenceInfo?.clauses[h.clause];
    return !!clause && cues.dealWord.test(scan.item.text.slice(clause.start, clause.end).replace(h.text, ' '));
  });
}

/** Analyses every sentence of the item. */
export function analyzeSentences(scan: ItemScan, cues: CompiledCues, exclusions: (Exclusion | null)[]): SentenceInfo[] {
  const markers = clauseMarkers(scan, cues);
  return scan.item.sentences.map((s) => {
    const inSentence = (l: Located): boolean => l.sentence === s.index;
    const exception = scan.settlement.find(inSentence) ?? scan.termination.find(inSentence) ?? null;
    const clauses = clauseFlags(scan, markers, s.index, s.clauses.length, exception);
    const dealHits = [...validDealHits(scan, cues, s.index, clauses), ...jointSubjectHits(scan, s.index, clauses, exclusions)];
    const families = new Map<string, Mention[]>();
    scan.mentions.forEach((m, i) => {
      if (m.sentence !== s.index || exclusions[i] || clauses[m.clause]?.background) return;
      const list = families.get(m.root);
      if (list) list.push(m);
      else families.set(m.root, [m]);
    });
    const strength = dealHits.some((h) => h.cue.deal === 'strong') ? 'strong' : dealHits.length > 0 ? 'weak' : null;
    const other = scan.markers.get('otherDeal').find(inSentence) ?? null;
    return { index: s.index, isTitle: s.isTitle, clauses, dealHits, strength, families, other, exception };
  });
}
