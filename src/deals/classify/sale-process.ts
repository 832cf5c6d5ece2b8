import type { SentenceInfo } from './analyze-sentences';
import type { PartyChoice } from './choose-parties';
import type { Mention } from './find-mentions';
import type { ItemScan, Located } from './scan-item';

/**
 * A sale process with no named buyer is not a deal: "X explores a sale of Y", "X's Y stake sale",
 * "X denies it will sell Y" name a seller and what is for sale, never a counterparty. The item is a
 * deal only when some party stands where a buyer stands: "to Z", "Z to buy", "talks with Z", "bought
 * by Z", "buyers include Z", or when a deal word other than a sale links the parties.
 */

const GOODS = '(?:\\S+ ){0,2}(?:tickets?|products?|merch\\w*|goods|songs|tracks|albums|ads|advertising|subscriptions|music|records|copies|units|devices|phones|out)\\b';
const SALE = new RegExp(
  `\\b(?:sale (?:of|to)|sales? process|for sale|up for sale|stake sale|asset sales?|sale talks|(?:a|the|its|possible|potential|planned|proposed) sale\\b|sell(?:s|ing)?\\b(?! ${GOODS})|sold\\b(?! ${GOODS})|divest\\w*|offload\\w*|dispos(?:e|es|al|ing) of|buyers?|bidders?|suitors?|strategic review|up for grabs)`,
  'i',
);
/** What comes right before a buyer: "sell X to", "bought by", "talks with", "buyers include Y and". */
const BUYER_BEFORE = [
  /\b(?:sell|sells|selling|sold|sale|offload\w*|divest\w*)\b[^.;:]{0,80}\bto\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){0,3}$/,
  /\b(?:acquired|bought|purchased|taken over|snapped up|backed)\s+by\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$/,
  /\b(?:talks|negotiations|discussions|deal|agreement|pact)\s+with\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,3}$/,
  /\b(?:buyers?|bidders?|suitors?|contenders?)\b[^.;:]{0,30}\b(?:include|including|such as|are|is|like)\b[^.;:]{0,60}$/,
];
const BUYER_AFTER =
  /^(?:'s)?\s*(?:,\s*)?(?:(?:is|are|was|were|has|have|had|would|could|may|might|will|also|reportedly|said to be|in talks to|set to|plans to|looking to|wants to|is said to)\s+)*(?:buy\w*|bought|acquir\w*|bid\w*|offer\w*|purchas\w*|interested|circling|eyeing|in talks|in the running|among the|take over|takes over|snap\w* up|to buy|to acquire)\b/i;

/** Every deal cue of the deal's sentences stands in a clause that speaks of a sale ("the stake", "exploring the possibility of selling"). */
function onlySaleCues(scan: ItemScan, infos: SentenceInfo[], sentences: Set<number>): Located | null {
  let sale: Located | null = null;
  for (const s of infos) {
    if (!sentences.has(s.index)) continue;
    for (const h of s.dealHits) {
      const clause = scan.item.sentences[h.sentence]?.clauses[h.clause];
      const around = clause ? scan.item.text.slice(clause.start, clause.end) : h.text;
      if (SALE.test(around)) sale ??= h;
      else if (h.cue.deal === 'strong') return null;
    }
  }
  return sale;
}

function standsAsBuyer(scan: ItemScan, m: Mention): boolean {
  const text = scan.item.text;
  const sentence = scan.item.sentences[m.sentence];
  const from = sentence ? sentence.start : 0;
  const before = text.slice(Math.max(from, m.start - 60), m.start);
  const after = text.slice(m.end, Math.min(sentence ? sentence.end : text.length, m.end + 60));
  if (BUYER_BEFORE.some((re) => re.test(before))) return true;
  return BUYER_AFTER.test(after);
}

/** The sale cue when the deal is a sale process with no party standing as buyer, else null. */
export function saleWithoutBuyer(scan: ItemScan, infos: SentenceInfo[], choice: PartyChoice): Located | null {
  const sentences = new Set([0, ...choice.supporting]);
  const sale = onlySaleCues(scan, infos, sentences);
  if (!sale) return null;
  const buyer = choice.parties.some((p) => p.mentions.some((m) => sentences.has(m.sentence) && standsAsBuyer(scan, m)));
  return buyer ? null : sale;
}
