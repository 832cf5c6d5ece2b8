/** The emulator's channel messages (sends, edits, nonces, threads, limits), driven by the real discord.js client. */
import { DiscordAPIError, EmbedBuilder, Routes } from 'discord.js';
import { Permission } from './discord-emulator';
import { closeBots, startBot, textChannel } from './emulator-bot';

afterEach(closeBots);

describe('channel messages', () => {
  test('channel.send with the same nonce and enforceNonce twice gives one message', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const first = await news.send({ content: 'Netflix × Spotify: in talks', nonce: 'story-42', enforceNonce: true });
    const second = await news.send({ content: 'Netflix × Spotify: in talks', nonce: 'story-42', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(bot.emulator.messages(news.id)).toHaveLength(1);
    expect(bot.emulator.requestsTo('POST', '/channels/:id/messages')).toHaveLength(2);
    // Without enforce_nonce Discord does not deduplicate.
    await news.send({ content: 'again', nonce: 'story-42', enforceNonce: false });
    expect(bot.emulator.messages(news.id)).toHaveLength(2);
  });

  test('a message edit replaces the content and records the history', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const sent = await news.send({ content: 'Reported by Billboard', allowedMentions: { parse: [] } });
    await sent.edit({ content: 'Reported by Billboard. Also reported by Variety' });
    const [message] = bot.emulator.messages(news.id);
    expect(message?.content).toBe('Reported by Billboard. Also reported by Variety');
    expect(message?.edited_timestamp).not.toBeNull();
    expect(bot.emulator.state.messages.get(sent.id)?.history).toHaveLength(2);
    expect(bot.emulator.requestsTo('POST', '/channels/:id/messages')[0]?.allowedMentions).toEqual({ parse: [] });
  });

  test('@everyone pings only when allowed_mentions lets it', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    await news.send({ content: 'Free for @everyone', allowedMentions: { parse: [] } });
    await news.send({ content: 'Free for @everyone' });
    expect(bot.emulator.messages(news.id).map((m) => m.mention_everyone)).toEqual([false, true]);
  });

  test('an oversized embed is refused with 400 Invalid Form Body and recorded as a violation', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const embed = new EmbedBuilder().setTitle('x'.repeat(256)).setDescription('y'.repeat(4096)).addFields({ name: 'z', value: 'w'.repeat(1024) }, { name: 'v', value: 'u'.repeat(1024) });
    const error = await news.send({ embeds: [embed] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).status).toBe(400);
    expect(bot.emulator.messages(news.id)).toHaveLength(0);
    expect(bot.emulator.violations[0]?.problems[0]?.code).toBe('MAX_EMBED_SIZE_EXCEEDED');
    expect(() => bot.emulator.assertNoViolations()).toThrow(/Embed size exceeds maximum size of 6000/);
  });

  test('a 429 on the messages route is retried by discord.js and exactly one message exists', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    bot.emulator.failNext({ method: 'POST', route: '/channels/:id/messages', status: 429, retryAfter: 0.05 });
    await news.send({ content: 'after a rate limit' });
    const posts = bot.emulator.requestsTo('POST', '/channels/:channelId/messages');
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    expect(posts[0]?.responseBody).toMatchObject({ retry_after: 0.05, global: false });
    expect(bot.emulator.messages(news.id)).toHaveLength(1);
  });

  test('discord.js follows the rate-limit headers: a small bucket slows it down instead of failing', async () => {
    const bot = await startBot({ messageRateLimit: { limit: 2, windowMs: 300 } });
    const news = await textChannel(bot, 'A', 'news');
    await Promise.all([1, 2, 3, 4, 5].map((n) => news.send(`post ${n}`)));
    expect(bot.emulator.messages(news.id)).toHaveLength(5);
    const posts = bot.emulator.requestsTo('POST', '/channels/:id/messages');
    expect(posts.every((p) => p.status === 200)).toBe(true);
    expect(posts[0]?.responseHeaders).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' });
    expect(posts[0]?.responseHeaders['x-ratelimit-bucket']).toMatch(/^[0-9a-f]+$/);
    bot.emulator.assertNoViolations();
  });

  test("each channel's message bucket is Discord's 5 per 5 s, announced in the headers", async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    await news.send('one');
    const [first] = bot.emulator.requestsTo('POST', '/channels/:id/messages');
    expect(first?.responseHeaders).toMatchObject({ 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4' });
    expect(Number(first?.responseHeaders['x-ratelimit-reset-after'])).toBeGreaterThan(4);
  });

  test("the bot's global limit: a request over it gets a global 429 (a violation); interaction callbacks do not count", async () => {
    const { emulator } = await startBot({ globalRateLimit: { limit: 10, windowMs: 60_000 } });
    const news = emulator.guild('A').channel('news').id;
    const get = () => fetch(`${emulator.apiBase}/v10/channels/${news}`, { headers: { authorization: `Bot ${emulator.token}` } });
    const left = 10 - emulator.requests.length; // logging in took some
    const statuses = [];
    for (let i = 0; i <= left; i += 1) statuses.push((await get()).status);
    expect(statuses).toEqual([...Array.from({ length: left }, () => 200), 429]);
    const limited = emulator.requests.at(-1);
    expect(limited?.responseHeaders).toMatchObject({ 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' });
    expect(limited?.responseBody).toMatchObject({ global: true });
    const handle = emulator.sendSlashCommand({ guildId: emulator.guild('A').id, userId: emulator.guild('A').member('member').id, name: 'help' });
    const callback = await fetch(`${emulator.apiBase}/v10/interactions/${handle.id}/${handle.token}/callback`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 4, data: { content: 'hello' } }),
    });
    expect(callback.status).toBe(204);
    expect(() => emulator.assertNoViolations()).toThrow(/global rate limit/);
  });

  test('messages are listed newest first, before or after an id', async () => {
    const bot = await startBot();
    const general = await textChannel(bot, 'A', 'general');
    const sent = [];
    for (const n of [1, 2, 3, 4]) sent.push(await general.send(`m${n}`));
    const list = async (query: Record<string, string>) =>
      ((await bot.client.rest.get(Routes.channelMessages(general.id), { query: new URLSearchParams(query) })) as { content: string }[]).map((m) => m.content);
    expect(await list({ limit: '2' })).toEqual(['m4', 'm3']);
    expect(await list({ after: sent[0]?.id ?? '', limit: '2' })).toEqual(['m3', 'm2']);
    expect(await list({ before: sent[3]?.id ?? '' })).toEqual(['m3', 'm2', 'm1']);
  }, 15_000);

  test('a fault after handling acts at once and only delays the answer, and a nonce is forgotten after its window', async () => {
    const bot = await startBot({ nonceWindowMs: 100 });
    const news = await textChannel(bot, 'A', 'news');
    bot.emulator.failNext({ method: 'POST', route: `/channels/${news.id}/messages`, status: 500, afterHandling: true, delayMs: 2000 });
    const sending = bot.client.rest.post(Routes.channelMessages(news.id), { body: { content: 'slow answer', nonce: 'n-1', enforce_nonce: true } }).catch(() => undefined);
    await bot.emulator.waitForMessages(news.id, 1, 1000);
    await sending;
    await new Promise((resolve) => setTimeout(resolve, 150));
    await news.send({ content: 'slow answer', nonce: 'n-1', enforceNonce: true });
    expect(bot.emulator.messages(news.id).length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  test('a 500 after Discord created the message, retried with the same nonce, still gives one message', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    bot.emulator.failNext({ method: 'POST', route: `/channels/${news.id}/messages`, status: 500, afterHandling: true });
    await news.send({ content: 'lost response', nonce: 'story-7', enforceNonce: true });
    expect(bot.emulator.requestsTo('POST', `/channels/${news.id}/messages`).map((p) => p.status)).toEqual([500, 200]);
    expect(bot.emulator.messages(news.id)).toHaveLength(1);
  });

  test('403 and 404 come back as Discord errors, injected or from real permissions', async () => {
    const bot = await startBot();
    const a = bot.emulator.guild('A');
    const news = await textChannel(bot, 'A', 'news');
    const general = await textChannel(bot, 'A', 'general');
    bot.emulator.failNext({ route: `/channels/${news.id}/messages`, status: 403 });
    await expect(news.send('x')).rejects.toMatchObject({ code: 50001, status: 403 });
    bot.emulator.denyBot(general.id, Permission.SendMessages);
    await expect(general.send('x')).rejects.toMatchObject({ code: 50013, status: 403 });
    bot.emulator.deleteChannel(a.channel('staff').id);
    await expect(bot.client.rest.post(Routes.channelMessages(a.channel('staff').id), { body: { content: 'x' } })).rejects.toMatchObject({ code: 10003, status: 404 });
    await expect(news.send('fine now')).resolves.toBeDefined();
  });

  test('attachments arrive as multipart/form-data with payload_json', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const sent = await news.send({ content: 'with a file', files: [{ attachment: Buffer.from('hello'), name: 'notes.txt' }] });
    expect(sent.attachments.first()?.name).toBe('notes.txt');
    const request = bot.emulator.requestsTo('POST', '/channels/:id/messages')[0];
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(request?.files).toEqual([expect.objectContaining({ filename: 'notes.txt', size: 5 })]);
    expect(bot.emulator.messages(news.id)[0]?.content).toBe('with a file');
  });

  test('a thread can be started from a message', async () => {
    const bot = await startBot();
    const news = await textChannel(bot, 'A', 'news');
    const sent = await news.send('Netflix × Spotify');
    const thread = await sent.startThread({ name: 'Discuss: Netflix × Spotify' });
    expect(thread.id).toBe(sent.id);
    await thread.send('What does it mean for artists?');
    expect(bot.emulator.messages(thread.id).map((m) => m.content)).toEqual(['What does it mean for artists?']);
    expect(bot.emulator.message(sent.id)?.thread?.id).toBe(thread.id);
  });

  test('a member can be fetched and sent a direct message (how admins may be told)', async () => {
    const bot = await startBot();
    const a = bot.emulator.guild('A');
    const member = await bot.client.guilds.cache.get(a.id)?.members.fetch(a.member('admin').id);
    expect(member?.permissions.has('ManageGuild')).toBe(true);
    const dm = await member?.send('Posting to #music-news failed: Missing Access');
    expect(dm?.channel.isDMBased()).toBe(true);
    expect(bot.emulator.messages(dm?.channelId ?? '').map((m) => m.content)).toEqual(['Posting to #music-news failed: Missing Access']);
    bot.emulator.assertNoViolations();
  });

  test('unknown routes get a Discord-shaped 404 and are reported', async () => {
    const bot = await startBot();
    await expect(bot.client.rest.get('/guilds/1/no-such-thing')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(bot.emulator.unknownRequests().map((r) => r.path)).toEqual(['/guilds/1/no-such-thing']);
    expect(() => bot.emulator.assertNoViolations()).toThrow(/unknown-route/);
  });
});
