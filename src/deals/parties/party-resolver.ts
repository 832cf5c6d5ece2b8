import { aliasKey, compileGazetteer } from '../classify/gazetteer';
import type { CompiledGazetteer } from '../classify/gazetteer';
import type { PartyResolver } from './party-query';
import { PARTY_JOINERS } from './party-words';

const MAX_WORDS = 4;

/**
 * The party names a member's free text names, by the classifier's gazetteer ("umg tiktok" →
 * Universal Music Group, TikTok). With it, `/deal status deal:apple tidal` finds no deal when no
 * Apple–Tidal deal is tracked, instead of answering with another Tidal deal.
 */
export function createGazetteerPartyResolver(gazetteer: CompiledGazetteer = compileGazetteer()): PartyResolver {
  return (text) => {
    const words = text.split(/[\s,/]+/).filter((w) => w.length > 0);
    const found: string[] = [];
    let i = 0;
    while (i < words.length) {
      let matched = 0;
      for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1 && matched === 0; n -= 1) {
        const phrase = words.slice(i, i + n).join(' ');
        if (n === 1 && (phrase.length < 2 || PARTY_JOINERS.has(phrase.toLowerCase()))) continue;
        const refs =
          gazetteer.ciRefs.get(aliasKey(phrase, false)) ??
          [phrase, titleCase(phrase), phrase.toUpperCase()].map((v) => gazetteer.csRefs.get(aliasKey(v, true))).find(Boolean);
        const entity = refs?.find((r) => !r.context)?.entity ?? refs?.[0]?.entity;
        if (entity === undefined) continue;
        if (!found.includes(entity)) found.push(entity);
        matched = n;
      }
      i += matched || 1;
    }
    return found;
  };
}

/** People type "apple tidal"; the gazetteer's case-sensitive aliases say "Apple". */
function titleCase(phrase: string): string {
  return phrase.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}
