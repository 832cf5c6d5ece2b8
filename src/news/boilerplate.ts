/**
 * Boilerplate that feed software appends to items: reviewed like code, kept apart from it.
 * Each line of an item's text (a paragraph, a list item…) that matches a LINE pattern is
 * dropped whole; a TRAILING pattern is cut from the end of a line that has real text before it.
 */

/** Lines that are nothing but boilerplate. */
export const BOILERPLATE_LINES: readonly RegExp[] = [
  // WordPress (Yoast and others): "The post Netflix signs… appeared first on Music Business Worldwide."
  /^the post .{1,400} appeared first on .{1,200}$/i,
  /^this (?:post|article|entry|story) (?:was )?(?:originally |first )?(?:appeared|published|posted) (?:first )?(?:on|in|at) .{1,200}$/i,
  // "Read more", "Continue reading Title →", "Read the full story at Billboard", "Keep reading"
  /^(?:read more|continue reading|keep reading|read on|full story)\b.{0,200}$/i,
  /^(?:read|view|see) (?:the )?(?:full|whole|complete|rest of the|original) (?:story|article|post|report|text)\b.{0,200}$/i,
  /^(?:more|more\.\.\.|more…|»|›|→)$/i,
  // A lone truncation marker: "[…]", "[...]", "…"
  /^\[?(?:…|\.\.\.)\]?$/,
  // Newsletters and share bars.
  /^(?:click here to )?subscribe(?: now)?(?: to| for)? (?:our|the|my|this) (?:newsletter|podcast|channel|feed|rss feed|mailing list)\b.{0,120}$/i,
  /^click here to subscribe\b.{0,200}$/i,
  /^(?:share|tweet|email|print)(?: this)?(?: (?:story|article|post))?(?: on (?:facebook|twitter|x|linkedin|whatsapp|reddit|bluesky))?[:!.]?$/i,
  // FeedBurner's share links and reddit's "submitted by /u/… [link] [comments]".
  /^(?:email this|add to del\.icio\.us|digg this!?|share on (?:facebook|twitter)|subscribe by email)$/i,
  /^submitted by\s*\S+(?:\s*to\s*\S+)?(?: \[link\])?(?: \[\d* ?comments?\])?$/i,
  /^\[link\]\s*(?:\[\d* ?comments?\])?$/i,
];

/** Endings cut from a line: "… the label said. Read more »", "… the deal [...]". */
export const BOILERPLATE_ENDINGS: readonly RegExp[] = [
  /\s*[[(]?(?:read more|continue reading|keep reading|read the full (?:story|article))\s*(?:»|›|→|\.\.\.|…|>>)?[\])]?$/i,
  /\s*continue reading\b.{0,200}?(?:»|›|→)$/i,
  /\s*submitted by\s*\S+(?:\s*to\s*\S+)?\s*\[link\]\s*\[\d* ?comments?\]$/i,
];

/** "[…]" or "[...]" closing a teaser: replaced by a plain "…" so the cut stays visible. */
export const TRUNCATION_MARKER = /\s*(?:\[(?:…|\.\.\.)\]|\((?:…|\.\.\.)\))$/;
