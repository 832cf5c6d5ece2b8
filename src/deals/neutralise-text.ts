/**
 * Makes feed text inert before it becomes a takeaway: no Discord mentions, no markdown, no links.
 * Delivery restricts allowed mentions as well; this only makes sure takeaways never create them.
 */
export function neutraliseText(text: string): string {
  return (
    text
      // Raw mention syntax: users, roles, channels, slash commands, custom emoji, timestamps.
      .replace(/<(?:@[!&]?|#|\/[\w -]+:|a?:\w+:|t:)\d+(?::\w)?>/g, ' ')
      // A leading @everyone or @here goes; elsewhere it and any @handle lose the "@" (also full-width).
      .replace(/^\s*(?:[@＠]+(?:everyone|here)\b[\s,:]*)+/gim, '')
      .replace(/[@＠]+(?=\w)/g, '')
      .replace(/[@＠]/g, ' ')
      // Markdown links keep their label; bare URLs go (a takeaway cites its source separately).
      .replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1')
      .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
      // Emphasis, code, strike, spoiler, heading, quote and list markers.
      .replace(/[*`~|\\]+/g, '')
      .replace(/(^|\s)_+|_+(?=\s|$|[.,;:!?])/g, '$1')
      .replace(/^\s*(?:(?:#{1,6}|>+|-{1,3})(?=\s)\s*)+/gm, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
