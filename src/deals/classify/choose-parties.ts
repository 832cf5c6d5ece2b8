import type { Mention } from './find-mentions';
import type { SentenceInfo } from './analyze-sentences';
import type { ItemScan } from './scan-item';

/**
 * Chooses the deal's parties. The headline deal defines them: when the headline links two companies
 * with a deal cue, they are the parties and the summary adds only companies listed with them (or of a
 * kind the headline names without naming them: "record labels", "AI firms"). Otherwise the first summary
 * sentence that links two companies anchors the deal, and later deal sentences about the same companies
 * add their partners. Sentences about another deal ("also", "follows", history) never add parties.
 */

export interface Party {
  name: string;
  root: string;
  mention: Mention;
  mentions: Mention[];
}

export interface PartyChoice {
  parties: Party[];
  /** Sentences that report the deal (they hold a party and a deal cue). */
  supporting: number[];
  route: 'headline' | 'headline+summary' | 'summary' | 'none';
}

/** Entity types and subtypes a headline names by kind. */
const GENERIC_TYPES: [RegExp, string[]][] = [
  [/labels|majors/i, ['label']],
  [/publishers/i, ['publisher', 'rights_body']],
  [/AI|artificial intelligence/i, ['ai_music']],
  [/telcos|carriers/i, ['telco']],
  [/broadcasters/i, ['tv', 'radio']],
  [/studios/i, ['studio']],
  [/streamers/i, ['streaming']],
];

const LIST_GAP = /^(?:'s)?\s*(?:,|\band\b|&|\bas well as\b|\bfrom\b|\bwith\b|\s)*\s*(?:the\s+)?$/i;

function genericTypes(scan: ItemScan): Set<string> {
  const types = new Set<string>();
  for (const hit of scan.markers.get('generic')) {
    if (hit.sentence !== 0) continue;
    for (const [re, list] of GENERIC_TYPES) if (re.test(hit.text)) list.forEach((t) => types.add(t));
  }
  return types;
}

function isDealSentence(s: SentenceInfo): boolean {
  return s.strength === 'strong' || (s.strength === 'weak' && s.families.size >= 2);
}

/** Mentions of a new family listed right next to a core party ("X, Y and Z", "from Y"). */
function listedWithCore(scan: ItemScan, s: SentenceInfo, root: string, core: Set<string>): boolean {
  const mentions = [...s.families.values()].flat().sort((a, b) => a.start - b.start);
  return mentions.some((m, i) => {
    if (m.root !== root) return false;
    const prev = mentions[i - 1];
    const next = mentions[i + 1];
    const near = (a: Mention, b: Mention): boolean => LIST_GAP.test(scan.item.text.slice(a.end, b.start));
    // "acquire a stake in X from Y": the seller is a party
    const seller = s.strength === 'strong' && /\bfrom\s+(?:the\s+)?$/i.test(scan.item.text.slice(Math.max(0, m.start - 10), m.start));
    return seller || (!!prev && core.has(prev.root) && near(prev, m)) || (!!next && core.has(next.root) && near(m, next));
  });
}

function representative(mentions: Mention[]): Mention {
  const inTitle = mentions.filter((m) => m.sentence === 0);
  const pool = inTitle.length > 0 ? inTitle : mentions;
  return pool.reduce((best, m) => (m.start < best.start ? m : best));
}

function chooseCore(infos: SentenceInfo[]): { core: Set<string>; route: PartyChoice['route'] } {
  const title = infos[0];
  const titleFams = new Set(title ? title.families.keys() : []);
  const titleDeal = !!title && isDealSentence(title) && (title.strength === 'strong' || titleFams.size >= 2);
  const dealSents = infos.slice(1).filter((s) => isDealSentence(s) && !s.other);
  const dealFams = new Set(dealSents.flatMap((s) => [...s.families.keys()]));
  if (titleDeal && titleFams.size >= 2) return { core: titleFams, route: 'headline' };
  const seed = new Set([...titleFams].filter((f) => titleDeal || dealFams.has(f)));
  if (seed.size >= 2) return { core: seed, route: 'headline+summary' };
  // without the headline's support only a strong deal cue can anchor a deal in the summary; a headline
  // that names no company and no deal (a trend piece) leaves only the lede to report one
  const silentHeadline = titleFams.size === 0 && !title?.strength;
  const anchor = dealSents.find(
    (s) =>
      (!silentHeadline || s.index === 1) &&
      ((s.families.size >= 2 && (seed.size > 0 || s.strength === 'strong')) ||
        (seed.size === 1 && s.strength === 'strong' && [...s.families.keys()].some((f) => !seed.has(f)))),
  );
  if (!anchor) return { core: seed, route: 'none' };
  const core = new Set([...seed, ...anchor.families.keys()]);
  return { core, route: seed.size > 0 ? 'headline+summary' : 'summary' };
}

/** Picks the parties (one name per company) and the sentences that report the deal. */
export function chooseParties(scan: ItemScan, infos: SentenceInfo[]): PartyChoice {
  const { core, route } = chooseCore(infos);
  if (core.size < 2) return { parties: [], supporting: [], route: 'none' };
  const generic = genericTypes(scan);
  for (const s of infos.slice(1)) {
    if (!isDealSentence(s)) continue;
    const touchesCore = [...s.families.keys()].some((f) => core.has(f));
    for (const [root, mentions] of s.families) {
      if (core.has(root)) continue;
      const byKind = generic.size > 0 && mentions.some((m) => generic.has(m.type) || (!!m.subtype && generic.has(m.subtype)));
      const listed = touchesCore && !s.other && (route !== 'headline' || listedWithCore(scan, s, root, core));
      if (byKind || listed) core.add(root);
    }
  }
  const byRoot = new Map<string, Mention[]>();
  for (const s of infos) {
    for (const [root, mentions] of s.families) {
      if (!core.has(root)) continue;
      byRoot.set(root, [...(byRoot.get(root) ?? []), ...mentions]);
    }
  }
  const parties: Party[] = [...byRoot.entries()].map(([root, mentions]) => {
    const mention = representative(mentions);
    return { name: mention.entity, root, mention, mentions };
  });
  const supporting = infos
    .filter((s) => s.dealHits.length > 0 && !s.other && [...s.families.keys()].some((f) => core.has(f)))
    .map((s) => s.index);
  return { parties, supporting, route };
}
