import { commands } from '../../../commands';
import { renderHelp, usageLines } from '../../../src/discord/embeds/help-embed';
import { replyProblems } from '../../support/reply-check';

describe('/help reply', () => {
  test('lists every subcommand once, with required and optional options, admin ones apart', () => {
    const body = renderHelp(commands);
    const [everyone, admins] = body.embeds[0]?.fields ?? [];
    expect(everyone?.value).toContain('`/deal status deal:`');
    expect(everyone?.value).toContain('`/news latest [party] [count]`');
    expect(everyone?.value).not.toContain('/feeds');
    expect(admins?.value).toContain('`/feeds test feed:` — Fetch a feed now');
    expect(admins?.value).toContain('`/unsubscribe channel:` — Stop posting deal news to a channel');
    const lines = commands.flatMap((c) => usageLines(c.data));
    expect(lines).toHaveLength(4 + 2 + 4 + 1 + 1 + 1 + 1);
    expect(replyProblems(body)).toEqual([]);
    expect(`${everyone?.value}\n${admins?.value}`).not.toContain('…and');
  });
});
