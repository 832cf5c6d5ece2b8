import type { APIEmbed } from 'discord.js';

/** Discord's documented limits (message.mdx, "Embed Limits"; application-commands.mdx). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  choices: 25,
  choiceName: 100,
  buttonLabel: 80,
  threadName: 100,
} as const;

/** Cuts text to at most `max` characters at a word boundary, ending with "…" when it cut. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - 1;
  const slice = text.slice(0, room);
  const endsOnWord = /\s/.test(text.charAt(room));
  const space = slice.search(/\s\S*$/);
  const base = endsOnWord || space <= room * 0.6 ? slice : slice.slice(0, space);
  // Never leave half a surrogate pair or a dangling markdown link opener.
  return `${base.replace(/[\uD800-\uDBFF]$/, '').replace(/\s+$/, '')}…`;
}

/**
 * Feed text is shown, never obeyed: "@everyone", "@here" and mention syntax (<@id>, <@&id>, <#id>)
 * are broken with a zero-width space, on top of allowed_mentions, so they cannot even look like pings.
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
}

/** Counts the characters Discord counts towards the 6000 total of a message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Makes an embed fit every per-field limit and the total, shortening the description first. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = {
    ...embed,
    title: embed.title === undefined ? undefined : cut(embed.title, LIMITS.title),
    description: embed.description === undefined ? undefined : cut(embed.description, LIMITS.description),
    author: embed.author && { ...embed.author, name: cut(embed.author.name, LIMITS.author) },
    footer: embed.footer && { ...embed.footer, text: cut(embed.footer.text, LIMITS.footer) },
    fields: embed.fields
      ?.slice(0, LIMITS.fields)
      .map((field) => ({ ...field, name: cut(field.name, LIMITS.fieldName), value: cut(field.value, LIMITS.fieldValue) })),
  };
  const excess = embedLength(fitted) - LIMITS.embedTotal;
  if (excess > 0 && fitted.description) {
    fitted.description = cut(fitted.description, Math.max(1, fitted.description.length - excess));
  }
  while (embedLength(fitted) > LIMITS.embedTotal && fitted.fields && fitted.fields.length > 0) fitted.fields.pop();
  return fitted;
}
