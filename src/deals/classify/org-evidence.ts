import artistsJson from '../data/artists-and-people.json';
import orgsJson from '../data/cues/orgs.json';
import personNamesJson from '../data/person-names.json';
import placesJson from '../data/places.json';
import type { NameSpan } from './name-spans';
import { escapeRegex } from './pattern';

/**
 * What a capitalised name's surroundings say it is: a company (a corporate suffix or head, a company
 * descriptor before it or in apposition, "X-owned"), a party to a deal (the subject or object of a deal
 * verb), or something that is never a party (a person, a place, a public body, the title of a work).
 */

export type OrgKind = 'media' | 'other' | 'unknown';

export interface SpanEvidence {
  /** Why it is a company, strongest first; empty when nothing says so. */
  org: string[];
  /** Why it takes part in a deal here ("acquires X", "X and Y sign"): read on demand (spanRole), undefined until then. */
  role?: string | null;
  /** Why it can never be a party (person, place, public body, work); null when nothing says so. */
  never: string | null;
  kind: OrgKind;
}

interface OrgData {
  suffixes: Set<string>;
  mediaHeads: Set<string>;
  otherHeads: Set<string>;
  corporatePrefixes: Set<string>;
  notNames: Set<string>;
  openers: Set<string>;
  /** Job titles written after a company's name ("Gatepass COO"): not part of it. */
  roleTitles: Set<string>;
  publicBodies: Set<string>;
  places: Set<string>;
  productTiers: Set<string>;
  /** One-word person roles and company descriptors, lower-cased ("rapper", "label"): a name's first capitalised word may be one. */
  personRoleWords: Set<string>;
  descriptorWords: Set<string>;
  firstNames: Set<string>;
  /** Artists, bands and people (lower-cased, without a leading "the"): never parties. */
  neverParties: Set<string>;
  /** Company descriptors and person roles, lower-cased, by how many words they have. */
  descriptors: Set<string>;
  personRoles: Set<string>;
  /** The last word of every descriptor and person role: a quick no for most names. */
  descriptorLastWords: Set<string>;
  personRoleLastWords: Set<string>;
  appositionAfter: RegExp;
  mediaDescriptors: Set<string>;
  publicDescriptors: Set<string>;
}

const PUBLIC_DESCRIPTORS = ['regulator', 'watchdog', 'authority', 'court', 'government', 'ministry', 'tribunal', 'stock exchange', 'exchange', 'commission', 'agency', 'city', 'state', 'lawmaker', 'lawmakers', 'council'];
const BAND_ROLES = ['girl group', 'boy group', 'K-pop group', 'k-pop group', 'rock group', 'pop group', 'hip-hop group', 'rap group', 'group member', 'band', 'duo', 'trio', 'act', 'collective'];

function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => escapeRegex(w).replace(/ /g, '\\s+')).join('|');
}

/** How a person's or band's name is looked up: lower case, no leading "the". */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();
}

function compileOrgData(): OrgData {
  const o = orgsJson;
  const media = o.descriptors.media;
  const other = o.descriptors.other;
  const descriptors = alternation([...media, ...other, ...PUBLIC_DESCRIPTORS]);
  const persons = alternation([...o.personRoles, ...BAND_ROLES]);
  return {
    suffixes: new Set(o.suffixes),
    mediaHeads: new Set(o.heads.media),
    otherHeads: new Set(o.heads.other),
    corporatePrefixes: new Set(o.corporatePrefixes),
    notNames: new Set(o.notNames),
    openers: new Set(o.openers),
    roleTitles: new Set(['CEO', 'CFO', 'COO', 'CTO', 'CMO', 'CCO', 'Chief', 'President', 'Chairman', 'Founder', 'Boss', 'Executive', 'Exec', 'Head', 'Director', 'Chair']),
    publicBodies: new Set(o.publicBodies),
    places: new Set([...placesJson.countries, ...placesJson.adjectives, ...placesJson.regions, ...placesJson.cities]),
    productTiers: new Set(o.productTiers),
    personRoleWords: new Set([...o.personRoles, ...BAND_ROLES].filter((w) => !w.includes(' ') && !/^[A-Z]/.test(w)).map((w) => w.toLowerCase())),
    descriptorWords: new Set([...media, ...other].filter((w) => !w.includes(' ')).map((w) => w.toLowerCase())),
    firstNames: new Set((personNamesJson as { firstNames: string[] }).firstNames),
    neverParties: new Set([...artistsJson.bands, ...artistsJson.artists, ...artistsJson.people].map(nameKey)),
    descriptors: new Set([...media, ...other, ...PUBLIC_DESCRIPTORS].map((d) => d.toLowerCase())),
    personRoles: new Set([...o.personRoles, ...BAND_ROLES].map((d) => d.toLowerCase())),
    descriptorLastWords: new Set([...media, ...other, ...PUBLIC_DESCRIPTORS].map((d) => d.toLowerCase().split(' ').pop() ?? '')),
    personRoleLastWords: new Set([...o.personRoles, ...BAND_ROLES].map((d) => d.toLowerCase().split(' ').pop() ?? '')),
    // "X, the Nairobi publisher", "X, a startup that …", "X, which runs …"
    appositionAfter: new RegExp(
      `^,\\s+(?:(?:the|a|an|its|their)\\s+(?:[\\w'.$-]+\\s+){0,5}?(${descriptors}|${persons})\\b|(which|whose)\\s+(?:also\\s+)?(?:makes|runs|operates|owns|offers|provides|develops|sells|publishes|distributes|streams|has|holds|manages|represents|produces|organises|organizes|promotes|catalogue|catalog|platform|app|service|roster|artists|shows|festivals|venues)\\b)`,
      'i',
    ),
    mediaDescriptors: new Set(media.map((d) => d.toLowerCase())),
    publicDescriptors: new Set(PUBLIC_DESCRIPTORS),
  };
}

export const ORG_DATA = compileOrgData();

const DEAL_OBJECT =
  /^(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|acquisition of|purchase of|takeover of|take over|takes over|took over|merg(?:e|es|ed|er|ing) with|combine with|stake in|invest(?:s|ed|ing|ment|ments)? in|funding (?:round )?(?:for|in)|deals? with|agreements? with|pact with|partnership with|partner(?:s|ed|ing)? with|team(?:s|ed|ing)? up with|tie-up with|alliance with|collaborat\w* with|talks with|negotiations with|discussions with|bids? for|offer for|approach(?:ed)?|sell(?:s|ing)? (?:[\w'-]+ ){0,4}to|sold (?:[\w'-]+ ){0,4}to|sale (?:of [\w'-]+ )?to|acquired by|bought by|purchased by|taken over by|backed by|owned by|controlled by|led by|sign(?:s|ed|ing)? (?:a |an )?(?:[\w-]+ ){0,3}(?:deal|agreement|pact|contract|partnership) with|ink(?:s|ed)? (?:a |an )?(?:[\w-]+ ){0,3}(?:deal|agreement|pact|partnership) with|join(?:s|ed)? forces with|licen[cs](?:e|es|ed|ing) (?:[\w'-]+ ){0,4}(?:to|from)|between|x|×)\s+(?:the\s+|a\s+|an\s+)?((?:[\w'-]+\s+){0,3})$/i;
/** The words between a deal phrase and the name must be lower-case ("acquires struggling X", not "acquires Halden Songs X"). */
const LOWER_WORDS = /^(?:[a-z0-9][\w'-]*\s+)*$/;

const DEAL_SUBJECT =
  /^(?:'s?)?\s*(?:(?:has|have|had|will|would|is|are|was|were|to|also|now|officially|reportedly|finally|said to be|set to|agreed to|agrees to|has agreed to|plans to|is set to|moves to|looks to|is to|in talks to|in advanced talks to|nears deal to|close to|could|may|might|quietly|jointly|today|on \w+day)\s+)*(?:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed)|sign(?:s|ed)?\s+(?:a|an|the|new|its|their|multi-year|exclusive|\w+-year)|ink(?:s|ed)?|strik(?:e|es)|struck|seal(?:s|ed)?|partner(?:s|ed)?|team(?:s|ed)? up|agree(?:s|d)?|invest(?:s|ed)?|merg(?:e|es|ed)|take(?:s)? over|took over|snap(?:s|ped)? up|land(?:s|ed)?|clinch(?:es|ed)?|renew(?:s|ed)?|extend(?:s|ed)?|in (?:advanced |exclusive |early |final |preliminary |serious )?(?:talks|negotiations|discussions)|negotiat(?:e|es|ed|ing)|bid(?:s)?\b|nears|join(?:s|ed)? forces|announce(?:s|d)? (?:a |an |the |its |their )?(?:[\w-]+ ){0,2}(?:deal|partnership|agreement|acquisition|merger|tie-up|alliance)|den(?:y|ies|ied)|terminat(?:e|es|ed)|end(?:s|ed)? (?:its |their )?(?:[\w-]+ )?(?:deal|partnership|agreement|bundle|contract)|pull(?:s|ed)? out|walk(?:s|ed)? away|drop(?:s|ped)? (?:its |their )?(?:bid|offer)|complet(?:e|es|ed) (?:its |the )?(?:[\w-]+ )?(?:acquisition|purchase|merger|deal)|(?:is|are|was|were) (?:being )?(?:acquired|bought|sold)|sells?|sold|to (?:be )?(?:acquired|bought|merge|combine)|raises?|raised|secures?|secured)\b/i;

const DEAL_NOUN_AFTER = /^(?:'s)?\s+(?:[\w-]+\s+){0,2}(?:deal|merger|tie-up|partnership|pact|agreement|acquisition|takeover|bid|alliance|talks|joint venture|venture|combination|licensing|bundle)\b/i;

/** "Kofi Blaze's new album", "X, who" */
const PERSON_AFTER = /^(?:'s?\s+(?:new\s+|latest\s+|debut\s+|first\s+|own\s+)?(?:album|single|song|songs|debut|tour|band|career|wife|husband|manager|music|record|EP|hit|hits|vocals|lyrics|fans|estate|memoir|family|mother|father)\b|,?\s+(?:who|himself|herself)\b|\s+(?:himself|herself)\b)/;

const ORG_POSSESSIONS =
  /^'s?\s+(?:[\w-]+\s+)?(?:shares|stock|board|chief executive|CEO|founder|owner|parent|investors|shareholders|customers|subscribers|users|listeners|platform|service|app|catalogue|catalog|roster|label|labels|imprint|subsidiary|unit|division|arm|headquarters|revenue|earnings|valuation|staff|employees|streaming service)\b/;

/** Written like a brand: inner capitals (SoundCloud, ROXi), an acronym (KKR, TF1), digits with letters. */
const NAME_LIKE = /^(?:[A-Z]?[a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]+|[A-Z][A-Z&]{1,5}\d?|[A-Za-z]+\d\w*|\d+[A-Za-z]{3,}\w*)$/;
/** Amounts and periods written like names: "GBP82", "US2-billion", "Q3", "FY24", "H1". */
const NOT_NAME_LIKE = /^(?:GBP|USD|EUR|US|INR|KRW|JPY|RMB|CNY|CAD|AUD|HKD|SGD|CHF|SEK|NOK|DKK|BRL|MXN|ZAR|NGN|KES|Rs|Q|H|FY|CY)\d/;

/** Tries an anchored regex at the last few word starts of a text (cheaper than letting it search the whole text). */
function fromWordStarts(text: string, words: number, re: RegExp): RegExpExecArray | null {
  let at = text.length;
  for (let n = 0; n < words && at > 0; n += 1) {
    at = text.lastIndexOf(' ', at - 2) + 1;
    const m = re.exec(text.slice(at));
    if (m) return m;
    if (at === 0) break;
  }
  return null;
}

const MAX_PHRASE_WORDS = 4;

/** The last few words of a text, lower-cased (the words a descriptor or a role before a name is made of). */
function lastWords(before: string): string[] {
  const words: string[] = [];
  let end = before.length;
  while (end > 0 && before.charCodeAt(end - 1) <= 32) end -= 1;
  while (words.length < MAX_PHRASE_WORDS && end > 0) {
    let start = end;
    while (start > 0 && before.charCodeAt(start - 1) > 32) start -= 1;
    words.unshift(before.slice(start, end).toLowerCase());
    end = start;
    while (end > 0 && before.charCodeAt(end - 1) <= 32) end -= 1;
  }
  return words;
}

/** The longest phrase of the set that the words end with ("the lagos-based streaming service" ends with "streaming service"). */
function phraseEnding(words: readonly string[], phrases: ReadonlySet<string>, lastWords: ReadonlySet<string>): string | null {
  if (!lastWords.has(words[words.length - 1] ?? '')) return null;
  for (let n = Math.min(MAX_PHRASE_WORDS, words.length); n >= 1; n -= 1) {
    const phrase = words.slice(-n).join(' ');
    if (phrases.has(phrase)) return phrase;
  }
  return null;
}

function isPersonName(tokens: string[], data: OrgData): boolean {
  if (tokens.length < 2 || tokens.length > 3) return false;
  const last = tokens[tokens.length - 1] ?? '';
  if (data.suffixes.has(last) || data.mediaHeads.has(last) || data.otherHeads.has(last)) return false;
  return data.firstNames.has(tokens[0] ?? '');
}

function headKind(tokens: string[], data: OrgData): OrgKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  const before = tokens.slice(0, -1).filter((t) => !data.suffixes.has(t));
  const named = before.some((t) => !data.notNames.has(t) && !data.places.has(t) && !data.mediaHeads.has(t) && !data.otherHeads.has(t));
  if (!named) return null;
  if (data.mediaHeads.has(last) || before.some((t) => data.mediaHeads.has(t))) return 'media';
  if (data.suffixes.has(last) || data.otherHeads.has(last)) return 'other';
  return null;
}

/** Reads the evidence around one occurrence of a name. */
export function spanEvidence(text: string, span: NameSpan, sentence: { start: number; end: number }, data: OrgData = ORG_DATA): SpanEvidence {
  const before = text.slice(Math.max(sentence.start, span.start - 80), span.start);
  const after = text.slice(span.end, Math.min(sentence.end, span.end + 100));
  const org: string[] = [];
  let kind: OrgKind = 'unknown';
  const words = lastWords(before);
  const lastBefore = words[words.length - 1] ?? '';
  // "its founder, X": a role may end with a comma
  const roleWords = lastBefore.endsWith(',') ? [...words.slice(0, -1), lastBefore.slice(0, -1)] : words;
  const last = span.tokens[span.tokens.length - 1] ?? '';
  const nameOnly = span.tokens.join(' ');
  let never: string | null = null;
  if (span.quoted) never = 'title of a work';
  else if (data.places.has(nameOnly) || span.hyphenRole === 'based' || span.hyphenRole === 'born') never = 'place';
  else if (data.publicBodies.has(last) || data.publicBodies.has(span.tokens[0] ?? '')) never = 'public body';
  else if (data.neverParties.has(nameKey(nameOnly))) never = 'artist or person';
  else if (span.personLead || isPersonName(span.tokens, data) || phraseEnding(roleWords, data.personRoles, data.personRoleLastWords) || PERSON_AFTER.test(after)) {
    never = 'person';
  }
  const head = headKind(span.tokens, data);
  if (head) {
    org.push(data.suffixes.has(last) ? 'suffix' : 'head');
    kind = head;
  }
  if (data.corporatePrefixes.has(span.tokens[0] ?? '') && span.tokens.length > 1) org.push('corporate-prefix');
  const d = /\s$/.test(before) ? phraseEnding(words, data.descriptors, data.descriptorLastWords) : null;
  if (d) {
    if (data.publicDescriptors.has(d)) never ??= 'public body';
    else {
      org.push('descriptor');
      if (data.mediaDescriptors.has(d)) kind = 'media';
      else if (kind === 'unknown') kind = 'other';
    }
  }
  const appo = after.startsWith(',') ? data.appositionAfter.exec(after) : null;
  // "X, its chief executive said": the speaker's clause, not an apposition of X
  const speaker = appo ? /^\s*(?:,\s*)?(?:said|says|told|added|explained|noted|wrote|stated|confirmed)\b/.test(after.slice(appo[0].length)) : false;
  if (appo && !speaker) {
    const d = (appo[1] ?? '').toLowerCase().replace(/\s+/g, ' ');
    if (d && data.personRoles.has(d) && !data.mediaDescriptors.has(d)) never ??= 'person';
    else if (d && data.publicDescriptors.has(d)) never ??= 'public body';
    else {
      org.push('apposition');
      if (data.mediaDescriptors.has(d)) kind = 'media';
      else if (kind === 'unknown') kind = 'other';
    }
  }
  if (span.hyphenRole && /^(?:owned|backed|controlled|funded|led|run)$/.test(span.hyphenRole)) org.push(`${span.hyphenRole}-by`);
  if (span.possessive && ORG_POSSESSIONS.test(`'s${after}`)) org.push('possessive');
  if (span.tokens.length === 1 && NAME_LIKE.test(nameOnly) && !NOT_NAME_LIKE.test(nameOnly) && !data.notNames.has(nameOnly)) org.push('name-like');
  if (NOT_NAME_LIKE.test(nameOnly)) never ??= 'amount';
  return { org, role: undefined, never, kind };
}

/** Where the name stands: the object or subject of a deal phrase, or before a deal noun ("the X-Y merger"). */
export function spanRole(text: string, span: NameSpan, sentence: { start: number; end: number }): string | null {
  const before = text.slice(Math.max(sentence.start, span.start - 80), span.start);
  const after = `${span.possessive ? "'s" : ''}${text.slice(span.end, Math.min(sentence.end, span.end + 100))}`;
  const object = fromWordStarts(before, 8, DEAL_OBJECT);
  if (object && LOWER_WORDS.test(object[1] ?? '')) return 'deal-object';
  if (DEAL_SUBJECT.test(after)) return 'deal-subject';
  if (DEAL_NOUN_AFTER.test(after)) return 'deal-noun';
  return null;
}
