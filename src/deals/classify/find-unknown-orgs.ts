import type { Mention, MentionScan } from './find-mentions';
import type { Occurrence } from './org-names';
import { accepted, canonicalOrgName, nameFacts } from './org-names';
import { spanEvidence, spanRole } from './org-evidence';
import { orgSpans } from './org-spans';
import type { ItemText } from './segment';
import { clauseAt, sentenceAt } from './segment';

/**
 * Companies the gazetteer does not know, recognised from the text: a capitalised name is a company
 * when its words say so (a corporate suffix or head: "Sentric Music", "Brisk Holdings"), when the text
 * describes it as one ("indie label X", "X, the Lagos-based streaming service", "X-owned"), or when it
 * is the subject or object of a deal ("acquires X", "X and Y sign", "the X-Y merger"). A name that the
 * text makes a person, a place, a public body or the title of a work is never one, wherever else it
 * appears in the item. Every mention of an accepted name counts, short forms included ("Citadel" for
 * "Citadel Broadcasting"). They get lower confidence than gazetteer parties.
 */

const JOINT_GAP = /^\s*(?:,|and|&|x|×|\/)\s*(?:the\s+)?$/i;

/** "Downtown" where the item also names "Downtown Music", a gazetteer company: it is that company. */
function knownLongForm(key: string, known: readonly Mention[], knownTexts: readonly string[]): Mention | null {
  const i = knownTexts.findIndex((t) => t.length > key.length && t.startsWith(key) && t[key.length] === ' ');
  return i < 0 ? null : (known[i] ?? null);
}

/** One mention of a company where the occurrence stands; every mention has the same shape (property order included), known or not, so the code that reads them stays fast. */
function placed(company: Pick<Mention, 'entity' | 'known' | 'type' | 'subtype' | 'media' | 'root'>, o: Occurrence, rule: string): Mention {
  return {
    entity: company.entity,
    known: company.known,
    type: company.type,
    subtype: company.subtype,
    media: company.media,
    root: company.root,
    start: o.span.start,
    end: o.span.end,
    text: o.span.text,
    sentence: o.sentence.index,
    clause: clauseAt(o.sentence, o.span.start),
    strong: false,
    rule,
  };
}

/** Adds the organisations the text names that the gazetteer does not know; returns only the new mentions. */
export function findUnknownOrgs(item: ItemText, scan: MentionScan): Mention[] {
  const taken = [...scan.mentions, ...scan.outlets];
  const text = item.text;
  const spans = orgSpans(item, taken);
  if (spans.length === 0) return [];
  const occurrences: Occurrence[] = spans.map((span) => {
    const name = canonicalOrgName(span.text);
    const sentence = item.sentences[span.sentence] ?? sentenceAt(item, span.start);
    return { span, name, key: name.toLowerCase(), sentence, evidence: spanEvidence(text, span, sentence) };
  });
  const roleOf = (o: Occurrence): string | null => (o.evidence.role ??= spanRole(text, o.span, o.sentence));
  // where a name stands matters only for names nothing else makes a company
  occurrences.forEach((o, i) => {
    if (o.evidence.never || o.evidence.org.length > 0 || roleOf(o)) return;
    // "X and Y sign …": the first of two joined names shares the second's role
    const next = occurrences[i + 1];
    if (next && next.span.sentence === o.span.sentence && JOINT_GAP.test(text.slice(o.span.end, next.span.start)) && roleOf(next) === 'deal-subject') {
      o.evidence.role = 'joint-subject';
    }
  });
  const { facts, long, roots } = nameFacts(occurrences, text);
  const knownTexts = scan.mentions.map((m) => m.text.toLowerCase());
  const found: Mention[] = [];
  for (const o of occurrences) {
    const key = long.get(o.key) ?? o.key;
    const f = facts.get(key);
    if (!f || !accepted(f)) continue;
    const same = knownLongForm(key, scan.mentions, knownTexts);
    if (same) {
      found.push(placed(same, o, 'short-name:named-elsewhere'));
      continue;
    }
    const evidence = [...f.org][0] ?? f.role ?? 'repeated';
    const media = f.kind === 'media';
    const company = { entity: f.name, known: false, type: media ? ('unknown_media' as const) : ('unknown' as const), subtype: undefined, media, root: roots.get(f.name) ?? f.name };
    found.push(placed(company, o, `unknown-org:${evidence}`));
  }
  return found;
}
