import type { ReplyBody } from '../../src/discord/embeds/reply-body';
import type { FieldProblem } from './discord-emulator/discord-error';
import { checkMessageBody } from './discord-emulator/message-limits';

/** What Discord would refuse in a reply body (the emulator's own checks); [] when it fits. */
export function replyProblems(body: ReplyBody): FieldProblem[] {
  return checkMessageBody({ content: body.content, embeds: body.embeds, components: body.components ?? [], allowed_mentions: { parse: [] } }, { allowEphemeral: true });
}

/** Every piece of text in a reply, joined: for "nothing pings" assertions. */
export function replyText(body: ReplyBody): string {
  return [
    body.content ?? '',
    ...body.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ].join('\n');
}

/** Mass mentions and user/role mention syntax, as feed text could try them. */
export const PINGS = /@everyone|@here|<@!?\d+>|<@&\d+>/;

export const HOSTILE = '@everyone @here <@123456789012345678> <@&123456789012345678> **bold** _it_ [x](https://evil.example)';

/**
 * The targets of the masked links Discord would render in this text: `[label](url)` whose brackets
 * are not escaped (an even number of backslashes before each).
 */
export function liveMaskedLinks(text: string): string[] {
  const escaped = (before: string) => (/\\*$/.exec(before)?.[0].length ?? 0) % 2 === 1;
  const links: string[] = [];
  for (const match of text.matchAll(/\[([^[\]\n]*)\]\((<?https?:\/\/[^)\s]+>?)\)/g)) {
    const label = match[1] ?? '';
    if (!escaped(text.slice(0, match.index)) && !escaped(label)) links.push(match[2] ?? '');
  }
  return links;
}
