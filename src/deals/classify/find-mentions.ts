import type { AliasRef, CompiledGazetteer, EntitySubtype, EntityType } from './gazetteer';
import { aliasKey } from './gazetteer';
import type { ItemText } from './segment';
import { clauseAt, sentenceAt } from './segment';

/** A company named in the item: a gazetteer entity or an organisation the text makes a party. */
export interface Mention {
  /** Canonical name. */
  entity: string;
  known: boolean;
  type: EntityType | 'unknown_media' | 'unknown';
  subtype?: EntitySubtype;
  media: boolean;
  /** The family (top owner): two mentions with one root are one company. */
  root: string;
  start: number;
  end: number;
  text: string;
  sentence: number;
  clause: number;
  /** Matched by an unambiguous alias. */
  strong: boolean;
  /** Resolved from context (an ambiguous alias) or a rule, for the evidence. */
  rule: string;
}

export interface MentionScan {
  mentions: Mention[];
  /** Spans naming a news outlet: never parties. */
  outlets: { start: number; end: number; text: string }[];
}

interface Span {
  start: number;
  end: number;
  text: string;
  outlet: boolean;
  refs: AliasRef[];
}

function collectSpans(item: ItemText, gaz: CompiledGazetteer): Span[] {
  const spans: Span[] = [];
  for (const hit of gaz.names.scan(item.text)) {
    const outlet = hit.tag === 'outlet';
    const refs = outlet ? [] : ((hit.caseSensitive ? gaz.csRefs : gaz.ciRefs).get(aliasKey(hit.text, hit.caseSensitive)) ?? []);
    spans.push({ start: hit.start, end: hit.end, text: hit.text, outlet, refs });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end || Number(b.outlet) - Number(a.outlet));
  const kept: Span[] = [];
  let lastEnd = -1;
  for (const span of spans) {
    if (span.start < lastEnd) {
      const last = kept[kept.length - 1];
      if (last && last.start === span.start && last.end === span.end && !last.outlet && !span.outlet) {
        for (const ref of span.refs) if (!last.refs.some((r) => r.entity === ref.entity)) last.refs.push(ref);
      }
      continue;
    }
    kept.push({ ...span, refs: [...span.refs] });
    lastEnd = span.end;
  }
  return kept;
}

/** Picks what an alias refers to here: an unambiguous alias, else the context, else nothing. */
function resolveRef(span: Span, item: ItemText, strongNames: Set<string>): { ref: AliasRef; rule: string } | null {
  const plain = span.refs.find((r) => !r.context);
  if (plain) return { ref: plain, rule: 'gazetteer' };
  const named = span.refs.find((r) => strongNames.has(r.entity));
  if (named) return { ref: named, rule: 'ambiguous-alias:named-elsewhere' };
  const withContext = span.refs.find((r) => r.context?.test(item.text));
  return withContext ? { ref: withContext, rule: 'ambiguous-alias:context' } : null;
}

/** Finds every gazetteer company and outlet named in the item. */
export function findMentions(item: ItemText, gaz: CompiledGazetteer): MentionScan {
  const spans = collectSpans(item, gaz);
  const strongNames = new Set<string>();
  for (const span of spans) {
    for (const ref of span.refs) if (!ref.context && !ref.bare) strongNames.add(ref.entity);
  }
  const mentions: Mention[] = [];
  const outlets: MentionScan['outlets'] = [];
  for (const span of spans) {
    if (span.outlet) {
      outlets.push({ start: span.start, end: span.end, text: span.text });
      continue;
    }
    const resolved = resolveRef(span, item, strongNames);
    if (!resolved) continue;
    let entity = gaz.entities.get(resolved.ref.entity);
    let rule = resolved.rule;
    if (entity && resolved.ref.bare) {
      const unit = entity.yieldsTo.find((name) => strongNames.has(name));
      if (unit) {
        entity = gaz.entities.get(unit) ?? entity;
        rule = 'short-name:unit-named-elsewhere';
      }
    }
    if (!entity) continue;
    const sentence = sentenceAt(item, span.start);
    mentions.push({
      entity: entity.name,
      known: true,
      type: entity.type,
      subtype: entity.subtype,
      media: entity.media,
      root: entity.root,
      start: span.start,
      end: span.end,
      text: span.text,
      sentence: sentence.index,
      clause: clauseAt(sentence, span.start),
      strong: rule === 'gazetteer',
      rule,
    });
  }
  return { mentions, outlets };
}
