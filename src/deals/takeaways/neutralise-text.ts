/**
 * Makes feed text inert before it becomes a takeaway: no Discord mentions, no markdown, no links, and
 * no stray words where they were. Delivery restricts allowed mentions as well; this only makes sure
 * takeaways never create them.
 */

/** Raw mention syntax: users, roles, channels, slash commands, custom emoji, timestamps. */
const RAW_MENTION = String.raw`<(?:@[!&]?|#|\/[\w -]+:|a?:\w+:|t:)\d+(?::\w)?>`;
/** @everyone and @here, however written (full-width "＠", zero-width characters in between). */
const MASS_MENTION = String.raw`[@＠]+(?:\u200b|\u200c|\u200d|\u2060)*(?:everyone|here)\b`;
const ANY_MENTION = `(?:${RAW_MENTION}|${MASS_MENTION})`;
const OPENING_MENTIONS = new RegExp(`^\\s*(?:${ANY_MENTION}[\\s,:;-]*)+`, 'gim');
const CLOSING_MENTIONS = new RegExp(`(?:[\\s,;:-]*${ANY_MENTION})+(?=\\s*[.!?]*\\s*$)`, 'gim');

/** Mentions that open or close a line address someone; they go with what ties them on ("@here:"). */
function dropEdgeMentions(text: string): string {
  return text.replace(OPENING_MENTIONS, '').replace(CLOSING_MENTIONS, '');
}

export function neutraliseText(text: string): string {
  return (
    dropEdgeMentions(text)
      // Elsewhere @everyone/@here go entirely (they are never a word of the sentence), with the commas
      // around them ("Artists, @here, will"); other raw mentions go too (a sentence that leans on one is
      // never quoted: breaksWhenNeutralised).
      .replace(new RegExp(`,\\s*${MASS_MENTION}\\s*,`, 'g'), ' ')
      .replace(new RegExp(`${MASS_MENTION}|${RAW_MENTION}`, 'g'), ' ')
      // Any other @handle keeps its name without the "@".
      .replace(/[@＠]+(?=\w)/g, '')
      .replace(/[@＠]/g, ' ')
      // Markdown links keep their label; bare URLs go (a takeaway cites its source separately).
      .replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
      // Emphasis, code, strike, spoiler, heading, quote and list markers.
      .replace(/[*`~|\\]+/g, '')
      .replace(/(^|\s)_+|_+(?=\s|$|[.,;:!?])/g, '$1')
      .replace(/^\s*(?:(?:#{1,6}|>+|-{1,3})(?=\s)\s*)+/gm, '')
      // What was removed leaves no empty brackets, no gap before punctuation, no doubled commas.
      .replace(/\(\s*\)|\[\s*\]/g, ' ')
      .replace(/\s+/g, ' ')
      .replace(/\s+([.,;:!?)])/g, '$1')
      .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
      .replace(/^[\s,;:.!?-]+/, '')
      .trim()
  );
}

/**
 * True when removing what makes text unsafe would break the sentence: a user, role or channel mention
 * inside it (not just opening or closing it: "thanks to <@1> for the tip"), or a bare link ("listen
 * at https://…"). Such a sentence is never quoted.
 */
export function breaksWhenNeutralised(text: string): boolean {
  return new RegExp(`${RAW_MENTION}|\\b(?:https?:\\/\\/|www\\.)\\S`, 'i').test(dropEdgeMentions(text).replace(/\[[^\]]*\]\([^)]*\)/g, ''));
}
