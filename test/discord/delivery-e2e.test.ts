import type { APIEmbed } from 'discord.js';
import type { BotWorld } from '../support/bot-world';
import { startBotWorld } from '../support/bot-world';
import { dealStories } from '../support/deal-stories';
import { Permission } from '../support/discord-emulator';
import type { ApiMessage } from '../support/discord-emulator/api-types';
import { liveMaskedLinks } from '../support/reply-check';

const embedOf = (message: ApiMessage | undefined) => message?.embeds[0] as APIEmbed | undefined;
const textOf = (message: ApiMessage) =>
  [message.content, ...message.embeds.flatMap((e: APIEmbed) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])]
    .filter(Boolean)
    .join('\n');

/**
 * The problems of issue 8, each through the whole bot in this process: the real discord.js client
 * against the emulator (Discord's per-channel and global limits on), a real feed and a real SQLite file.
 */
describe('delivery end to end', () => {
  let world: BotWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it('one channel rate limited for minutes delays no other channel, no poll cycle and no command', async () => {
    const w = (world = await startBotWorld({ pollCron: '* * * * * *' }));
    const [a, b] = [w.emulator.guild('A'), w.emulator.guild('B')];
    await w.command(a, 'admin', 'subscribe', { channel: a.channel('news').id });
    await w.command(b, 'owner', 'subscribe', { channel: b.channel('news').id });
    w.emulator.failNext({ method: 'POST', route: `/channels/${b.channel('news').id}/messages`, status: 429, retryAfter: 120, times: Number.POSITIVE_INFINITY });
    w.serve(...dealStories(1));
    await w.emulator.waitForMessages(a.channel('news').id, 1, 15_000);
    const cycles = () => w.logs().filter((l) => l.msg === 'poll cycle finished').length;
    const seen = cycles();
    await w.emulator.waitFor(() => cycles() >= seen + 3, 15_000, 'three more poll cycles');
    const help = await w.command(a, 'member', 'help', {});
    expect(help.embeds.length).toBeGreaterThan(0);
    expect(w.emulator.messages(b.channel('news').id)).toHaveLength(0);
    // Asked once, told to wait two minutes, and left alone since.
    expect(w.emulator.requestsTo('POST', `/channels/${b.channel('news').id}/messages`)).toHaveLength(1);
    w.emulator.assertNoViolations();
  }, 60_000);

  it('a burst of 30 stories: five posts and every other story named once in digests, nothing dropped', async () => {
    const w = (world = await startBotWorld());
    const a = w.emulator.guild('A');
    const news = a.channel('news').id;
    await w.command(a, 'admin', 'subscribe', { channel: news });
    const stories = dealStories(30);
    w.serve(...stories.slice(0, 15));
    w.serveOnSecondFeed(...stories.slice(15));
    await w.bot.cycle();
    const messages = w.emulator.messages(news);
    const posted = messages.filter((m) => !/more deal stor/.test(embedOf(m)?.title ?? '')).map((m) => embedOf(m)?.title);
    const digests = messages.filter((m) => /more deal stor/.test(embedOf(m)?.title ?? ''));
    expect(posted).toHaveLength(5);
    const named = digests.flatMap((m) => (embedOf(m)?.description ?? '').split('\n'));
    expect(named.join('\n')).not.toMatch(/and \d+ more/);
    const titles = stories.map((s) => s.title);
    for (const title of titles) {
      const times = posted.filter((t) => t === title).length + named.filter((line) => line.includes(`[${title}]`)).length;
      expect({ title, times }).toEqual({ title, times: 1 });
    }
    expect(w.emulator.requestsTo('POST', `/channels/${news}/messages`).every((r) => r.status === 200)).toBe(true);
    w.emulator.assertNoViolations();
  }, 90_000);

  it('pause then resume: posts are kept while paused, delivered on resume, and what went over the cap is listed', async () => {
    const w = (world = await startBotWorld({ wiring: { tuning: { held: { maxAgeMs: 24 * 3_600_000, maxPerChannel: 2 } } } }));
    const a = w.emulator.guild('A');
    const news = a.channel('news').id;
    await w.command(a, 'admin', 'subscribe', { channel: news });
    w.emulator.denyBot(news, Permission.SendMessages);
    const [first, second, third] = dealStories(3);
    w.serve(first!);
    await w.bot.cycle();
    // #general is the system channel: the admins are told there, and told the posts are kept.
    const [notice] = w.emulator.messages(a.channel('general').id);
    expect(notice?.content).toMatch(new RegExp(`<#${news}>.*paused.*kept for 24 hours \\(at most 2\\) and delivered when it resumes`));
    w.serve(second!);
    await w.bot.cycle();
    w.serve(third!);
    await w.bot.cycle();
    expect(w.emulator.messages(news)).toHaveLength(0);

    w.emulator.restoreBot(news);
    const handle = w.emulator.sendSlashCommand({ guildId: a.id, userId: a.member('admin').id, name: 'subscribe', options: { channel: news } });
    const reply = await handle.reply();
    expect(textOf(reply)).toMatch(/2 stories kept while it was paused are posted now/);
    expect(textOf(reply)).toMatch(/1 story from the pause was skipped/);
    const [list] = await w.emulator.waitFor(() => (handle.followups().length > 0 ? handle.followups() : null), 5000, 'the list of skipped stories');
    expect(embedOf(list)?.description).toContain(`[${first!.title}](${first!.link})`);
    await w.emulator.waitForMessages(news, 2, 15_000);
    expect(w.emulator.messages(news).map((m) => embedOf(m)?.title).sort()).toEqual([second!.title, third!.title].sort());
    w.emulator.assertNoViolations();
  }, 60_000);

  it('markdown and masked links from members and from feeds stay text', async () => {
    const w = (world = await startBotWorld());
    const a = w.emulator.guild('A');
    const news = a.channel('news').id;
    await w.command(a, 'admin', 'subscribe', { channel: news });
    const evil = '[x](https://evil.example)';
    w.serve({
      guid: 'md-1',
      title: `**Spotify** and Deezer sign multi-year licensing agreement ${evil}`,
      description: `# Big news\n> Spotify and Deezer have signed a multi-year licensing agreement, the companies announced. ${evil} [y](<https://evil.example/2>)`,
      link: 'https://news.example/md-1',
      published: 1,
    });
    await w.bot.cycle();
    const [post] = w.emulator.messages(news);
    expect(post).toBeDefined();
    const replies = [
      await w.command(a, 'member', 'deal', { party: evil }, 'list'),
      await w.command(a, 'member', 'news', { query: evil }, 'search'),
      await w.command(a, 'member', 'deal', { deal: evil }, 'status'),
      await w.command(a, 'member', 'news', { party: evil }, 'latest'),
      await w.command(a, 'admin', 'subscribe', { channel: a.channel('general').id, kinds: evil }),
    ];
    for (const message of [post as ApiMessage, ...replies]) {
      expect(liveMaskedLinks(textOf(message)).filter((url) => url.includes('evil.example'))).toEqual([]);
    }
    expect(textOf(replies[0] as ApiMessage)).toContain('evil.example'); // shown, as text
    w.emulator.assertNoViolations();
  }, 60_000);

  it('a link too long for a message: kept as the post url, left out of the thread text, and the thread still ends with its question', async () => {
    const w = (world = await startBotWorld());
    const a = w.emulator.guild('A');
    const news = a.channel('news').id;
    await w.command(a, 'admin', 'subscribe', { channel: news, threads: true });
    const link = `https://news.example/long/${'a'.repeat(1880)}`;
    const [story] = dealStories(1);
    w.serve({ ...story!, link });
    await w.bot.cycle();
    const [post] = w.emulator.messages(news);
    expect(embedOf(post)?.url).toBe(link);
    const thread = await w.emulator.waitFor(() => (post ? w.emulator.messages(post.id)[0] : undefined), 10_000, 'the thread starter');
    expect(thread.content.length).toBeLessThanOrEqual(2000);
    expect(thread.content).toMatch(/\*\*What would this mean for you as an artist, or as a fan\?\*\*$/);
    expect(thread.content).not.toContain('aaaa');
    w.emulator.assertNoViolations();
  }, 60_000);
});
