import personNamesJson from '../data/person-names.json';
import type { Mention, MentionScan } from './find-mentions';
import type { ItemText } from './segment';
import { clauseAt, sentenceAt } from './segment';

/**
 * Companies the gazetteer does not know, found where the text makes them a party: the object of a
 * deal phrase with a company descriptor or a corporate suffix ("partnered with Sydney-based production
 * company Grace/Beyond", "acquires Foo Media"), or a co-subject of a joint announcement
 * ("Warner Music Group and SK Global announced"). They get lower confidence than gazetteer parties.
 */

const ORG_TOKEN = "[A-Z][A-Za-z0-9&'./+-]*";
const ORG = `(?<org>${ORG_TOKEN}(?: (?:${ORG_TOKEN}|of|de|la|&))*)`;
const DESCRIPTOR_NOUNS =
  'company|companies|startup|start-up|firm|network|platform|service|label|publisher|studio|producer|app|group|fund|broadcaster|promoter|agency|distributor|outfit|developer|maker|provider|chain|operator|house|conglomerate|specialist|business|brand|site|website|retailer|carrier|manufacturer|bank|airline|drugmaker|automaker|chipmaker|grocer|supermarket|club|team|league|marketplace|venue|festival|telco|telecom|operator';
const RELATION =
  'partner(?:ed|s|ing|ship|ships)? with|team(?:ed|s)? up with|deals? with|agreements? with|pact with|alliance with|merger with|merge with|tie-up with|collaboration with|joined forces with|join forces with|acquir(?:e|es|ed|ing)|acquisition of|to buy|buys|bought|buying|purchase of|purchased|takeover of|stake in|invest(?:ed|s|ment)? in|bid for|signed with|contract with|stake from|from';
/** The relation words match with either case of their first letter; the organisation must be capitalised. */
function firstLetterEitherCase(alternatives: string): string {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of alternatives) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === '|' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((a) => (/^[a-z]/.test(a) ? `[${a[0]}${a[0]?.toUpperCase()}]${a.slice(1)}` : a)).join('|');
}
const RELATION_RE = new RegExp(
  `\\b(?<rel>${firstLetterEitherCase(RELATION)}) (?:the |a |an )?(?<desc>(?:[\\w-]+ ){0,3}(?:${DESCRIPTOR_NOUNS}) )?${ORG}`,
  'g',
);
const JOINT_VERBS =
  '(?:have |has |jointly |will )?(?:announced|announce|signed|sign|struck|strike|inked|ink|agreed|agree|reached|teamed|team|partnered|unveiled|unveil|revealed|formed|form|entered|launched|launch|are partnering|to co-produce|to create|to launch)';
const AFTER_KNOWN_RE = new RegExp(`^ (?:and|&) ${ORG} ${JOINT_VERBS}\\b`);

/** Relations strong enough to make a bare capitalised name a company: "to acquire SoundCloud", "partnership with Roblox". */
const BARE_RELATION =
  /^(?:partner(?:ed|s|ing|ship|ships)? with|team(?:ed|s)? up with|deals? with|agreements? with|pact with|merger with|acquir(?:e|es|ed|ing)|acquisition of|to buy|buys|bought|takeover of|stake in|signed with|bid for|talks with)$/i;
/** Words a Title Case headline capitalises that never belong to a company name. */
const HEADLINE_WORDS = new Set(
  'In On At For With To From As After Over Amid And Or The A An Its Their Of By Into About Deal Deals Talks Partnership Pact Agreement Stake Bid Merger Takeover Report Reports Says Said Worth Billion Million Music Streaming Service Video Podcast Podcasts Label Labels Publishers Artists Fans Rights Songs Catalog Catalogue Content Platform App Company Firm Startup Group Is Are Was Will Could May Might Amid Ahead Despite Over Under New Major Big'.split(' '),
);

/** The company name in a bare capitalised run, cut at the first headline word; null when nothing name-like is left. */
function bareName(org: string): string | null {
  const keep: string[] = [];
  for (const t of org.split(' ')) {
    if (HEADLINE_WORDS.has(t.replace(/['’]s$/, '')) || /^[\d$€£]/.test(t)) break;
    keep.push(t);
  }
  if (keep.length === 0 || keep.length > 3) return null;
  const name = keep.join(' ');
  return acceptable(name) ? name : null;
}

const DESCRIPTOR_AFTER = new RegExp(`^\\s+(?:[a-z-]+\\s+)?(?:${DESCRIPTOR_NOUNS})\\b`);

/**
 * A bare name must look like one: not an adjective before a descriptor ("Aussie company"), not
 * "-based", and, in a Title Case headline, named again in the summary ("Unscripted TV Series" is not).
 */
function plausibleBare(item: ItemText, start: number, name: string): boolean {
  if (/-based$|-owned$|-backed$/i.test(name)) return false;
  if (DESCRIPTOR_AFTER.test(item.text.slice(start + name.length, start + name.length + 40))) return false;
  if (start < item.titleEnd) return item.text.slice(item.titleEnd).includes(name);
  return true;
}

const SUFFIXES =
  /^(?:Inc\.?|Corp\.?|Co\.?|Ltd\.?|LLC|plc|PLC|AG|SA|S\.A\.|NV|GmbH|Group|Holdings|Media|Music|Records|Recordings|Entertainment|Studios|Studio|Pictures|Productions|Networks|Network|Labs|Ventures|Capital|Partners|Technologies|Games|AI|Radio|Audio|Podcasts|Films|TV|Publishing|Sound|Digital|Interactive|Company)$/;
const APPOSITION = new RegExp(`^,\\s+(?:the|a|an|its)\\s+(?:[\\w'-]+\\s+){0,4}(?:${DESCRIPTOR_NOUNS}|owner|operator|maker|creator)\\b`);
/** Company names that open with a corporate word: "Grupo CIE", "Groupe TF1". */
const CORPORATE_PREFIX = /^(?:Grupo|Groupe|Gruppo|Grupa)\s\S/;
const MEDIA_SUFFIXES =
  /^(?:Media|Music|Records|Recordings|Entertainment|Studios|Studio|Pictures|Productions|Networks|Network|Radio|Audio|Podcasts|Films|TV|Publishing|Sound)$/;
const MEDIA_DESCRIPTOR =
  /\b(?:music|musical|podcast|podcasting|production|media|entertainment|film|films|tv|television|streaming|radio|label|record|records|publisher|publishing|studio|broadcast|broadcaster|ticket|ticketing|concert|festival|audio|video|content|documentary|animation|news|magazine|social|creator|ai music|rights|songs|promoter|promoters|venue|venues)\b/i;
const STOP_FIRST =
  /^(?:The|A|An|This|That|These|Its|Their|His|Her|Today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|CEO|Chief|President|Mr\.?|Mrs\.?|Ms\.?|According|In|On|At|For|With|As|After|Before|Under|Over|It|He|She|They|We|I|US|U\.S\.|UK|EU|America|American|European|China|Chinese|Japan|Japanese|German|Germany|British|Britain|France|French|India|Indian|Korea|Korean|Australia|Australian|Canada|Canadian|Netflix|Spotify|Q[1-4]|Wall|New|North|South|West|East|Latin|Global|Reuters|Bloomberg)$/;
const CORPORATE_TAIL = /(?:,?\s+(?:Inc\.?|Corp\.?|Co\.?|Ltd\.?|LLC|plc|PLC|AG|SA|S\.A\.|NV|GmbH))+$/;

const FIRST_NAMES = new Set((personNamesJson as { firstNames: string[] }).firstNames);

/** Canonical form of an unknown organisation name: corporate tails, an owner's possessive ("Scooter Braun's") and trailing punctuation dropped. */
export function canonicalOrgName(raw: string): string {
  return raw
    .replace(/^.*['’]s\s+(?=\S)/, '')
    .replace(/['’]s$/, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(CORPORATE_TAIL, '')
    .replace(/[.,]+$/, '')
    .trim();
}

function trimOrg(raw: string): string {
  const tokens = raw.split(' ');
  while (tokens.length > 1 && /^(?:of|de|la|&)$/.test(tokens[tokens.length - 1] ?? '')) tokens.pop();
  return tokens.slice(0, 5).join(' ');
}

function looksLikePerson(org: string): boolean {
  const tokens = org.split(' ');
  return tokens.length === 2 && FIRST_NAMES.has(tokens[0] ?? '') && !SUFFIXES.test(tokens[1] ?? '');
}

function overlaps(start: number, end: number, spans: { start: number; end: number }[]): boolean {
  return spans.some((s) => start < s.end && s.start < end);
}

function makeMention(item: ItemText, start: number, raw: string, media: boolean, rule: string): Mention {
  const name = canonicalOrgName(raw);
  const sentence = sentenceAt(item, start);
  return {
    entity: name,
    known: false,
    type: media ? 'unknown_media' : 'unknown',
    media,
    root: name,
    start,
    end: start + raw.length,
    text: raw,
    sentence: sentence.index,
    clause: clauseAt(sentence, start),
    strong: false,
    rule,
  };
}

function acceptable(org: string): boolean {
  const first = org.split(' ')[0] ?? '';
  return org.length >= 2 && !STOP_FIRST.test(first) && !looksLikePerson(org);
}

/** Adds unknown organisations that the text makes parties; returns only the new mentions. */
export function findUnknownOrgs(item: ItemText, scan: MentionScan): Mention[] {
  const taken = [...scan.mentions, ...scan.outlets];
  const found: Mention[] = [];
  RELATION_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RELATION_RE.exec(item.text)) !== null) {
    const rawOrg = m.groups?.org;
    if (!rawOrg) continue;
    const start = m.index + m[0].length - rawOrg.length;
    const org = trimOrg(rawOrg.slice(0, sentenceAt(item, start).end - start));
    const lastToken = org.split(' ').pop() ?? '';
    const desc = m.groups?.desc ?? '';
    const hasSuffix = (SUFFIXES.test(lastToken) && org.includes(' ')) || CORPORATE_PREFIX.test(org);
    // "stake in Rock World, the company behind ...": a descriptor in apposition also makes it a company
    const apposition = APPOSITION.test(item.text.slice(start + org.length, start + org.length + 60));
    if (!desc && !hasSuffix && !apposition) {
      const bare = BARE_RELATION.test(m.groups?.rel ?? '') ? bareName(org) : null;
      if (bare && plausibleBare(item, start, bare) && !overlaps(start, start + bare.length, [...taken, ...found])) {
        found.push(makeMention(item, start, bare, false, 'unknown-org:bare-name'));
      }
      continue;
    }
    if (!acceptable(org) || overlaps(start, start + org.length, [...taken, ...found])) continue;
    const after = apposition ? item.text.slice(start + org.length, start + org.length + 60) : '';
    const media = MEDIA_DESCRIPTOR.test(desc) || MEDIA_DESCRIPTOR.test(after) || MEDIA_SUFFIXES.test(lastToken);
    found.push(makeMention(item, start, org, media, desc ? 'unknown-org:descriptor' : 'unknown-org:suffix'));
  }
  for (const known of scan.mentions) {
    const after = AFTER_KNOWN_RE.exec(item.text.slice(known.end, known.end + 80));
    const rawOrg = after?.groups?.org;
    if (!after || !rawOrg) continue;
    const org = trimOrg(rawOrg);
    const start = known.end + after[0].indexOf(rawOrg);
    if (!acceptable(org) || overlaps(start, start + org.length, [...taken, ...found])) continue;
    const lastToken = org.split(' ').pop() ?? '';
    found.push(makeMention(item, start, org, MEDIA_SUFFIXES.test(lastToken), 'unknown-org:joint-announcement'));
  }
  return found;
}
