import type { Interaction } from 'discord.js';
import { Client, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits } from 'discord.js';
import { createSilentLogger } from '../../src/logger';
import { namespaceRecords, openKeyvFactory } from '../../src/store/open-keyv';
import { createSubscriptionStore } from '../../src/posts/subscription-store';
import type { BotWorld } from '../support/bot-world';
import { startBotWorld } from '../support/bot-world';
import type { GuildFixture, ShardingOptions } from '../support/discord-emulator';
import { createDefaultFixtures, guildIdOnShard } from '../support/discord-emulator';
import type { ApiMessage } from '../support/discord-emulator/api-types';
import { sentByShard } from '../support/discord-emulator/shard-events';
import type { TestEntry } from '../support/rss';

/**
 * Gateway shards end to end: the whole bot as `npm start` runs it with a token (startDiscord), the
 * real discord.js client, and the emulator, which shards as Discord does. Server A is on shard 0 of
 * 2, server B on shard 1.
 */
jest.setTimeout(60_000);

const worlds: BotWorld[] = [];
const clients: Client[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const world of worlds.splice(0)) await world.close();
});

const guildsOnTwoShards = (): GuildFixture[] => createDefaultFixtures(['A', 'B']).map((guild, i) => ({ ...guild, id: guildIdOnShard(i, 2, i) }));

async function start(env: NodeJS.ProcessEnv, sharding: ShardingOptions = { maxConcurrency: 2 }): Promise<BotWorld> {
  const world = await startBotWorld({ emulator: { guilds: guildsOnTwoShards(), sharding }, env });
  worlds.push(world);
  return world;
}

const story = (guid: string, title: string): TestEntry => ({
  guid, title, description: `${title}, the companies announced.`, link: `https://mbd.example/${guid}`, published: 1,
});
const text = (message: ApiMessage) => JSON.stringify(message);

test('SHARD_COUNT=2: one process runs both shards, answers each server from its own shard and posts to both', async () => {
  const world = await start({ SHARD_COUNT: '2' });
  const { emulator } = world;
  const [A, B] = [emulator.guild('A'), emulator.guild('B')];
  expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  expect(sentByShard(emulator, 'GUILD_CREATE')).toEqual(new Map([['0/2', [A.id]], ['1/2', [B.id]]]));

  // Each /subscribe checks the bot's permissions in the channel from the cache of the shard holding the server.
  for (const guild of [A, B]) {
    const reply = await world.command(guild, 'admin', 'subscribe', { channel: guild.channel('news').id });
    expect(text(reply)).toContain('will get deal news');
    expect(text(reply)).not.toContain("couldn't check my permissions");
  }
  expect(sentByShard(emulator, 'INTERACTION_CREATE')).toEqual(new Map([['0/2', [A.id]], ['1/2', [B.id]]]));

  world.serve(story('spotify-netflix', 'Spotify and Netflix sign deal to stream music award shows'));
  await world.bot.cycle();
  expect(emulator.messages(A.channel('news').id)).toHaveLength(1);
  expect(emulator.messages(B.channel('news').id)).toHaveLength(1);
  emulator.assertNoViolations();
});

test('SHARD_COUNT=2 SHARD_IDS=0: answers only shard 0, yet delivers to every subscribed channel and tells any server its channel was lost', async () => {
  const world = await start({ SHARD_COUNT: '2', SHARD_IDS: '0' });
  const { emulator } = world;
  const [A, B] = [emulator.guild('A'), emulator.guild('B')];
  expect(emulator.identifies.map((i) => i.shard)).toEqual([[0, 2]]);
  expect(world.logs().some((l) => l.level === 40 && String(l.msg).startsWith('this process runs only some of the shards'))).toBe(true);

  // Another process runs shard 1: here a bare discord.js client that answers every command itself.
  const other = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase }, shards: [1], shardCount: 2 });
  clients.push(other);
  other.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply({ content: 'answered by the process of shard 1', flags: MessageFlags.Ephemeral });
  });
  const otherReady = new Promise<void>((resolve) => other.once(Events.ClientReady, () => resolve()));
  await other.login(emulator.token);
  await otherReady;

  expect(text(await world.command(A, 'admin', 'subscribe', { channel: A.channel('news').id }))).toContain('will get deal news');
  expect((await world.command(B, 'admin', 'subscriptions', {})).content).toBe('answered by the process of shard 1');
  expect(sentByShard(emulator, 'INTERACTION_CREATE')).toEqual(new Map([['0/2', [A.id]], ['1/2', [B.id]]]));

  // B subscribes through the process of shard 1, which shares the store.
  const keyv = openKeyvFactory(world.databaseUrl, createSilentLogger());
  const subscriptions = createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')));
  try {
    await subscriptions.upsert({
      guildId: B.id, channelId: B.channel('news').id, parties: [], kinds: [], statuses: [], minConfidence: 0, threads: false,
      createdAt: new Date().toISOString(), createdBy: B.member('admin').id,
    });
    world.serve(story('spotify-netflix', 'Spotify and Netflix sign deal to stream music award shows'));
    await world.bot.cycle();
    expect(emulator.messages(A.channel('news').id)).toHaveLength(1);
    expect(emulator.messages(B.channel('news').id)).toHaveLength(1);

    // B's channel closes to the bot. Its subscription is paused, not removed, and B's admins are told
    // in B's system channel, which this process (no cache of B) finds over REST.
    emulator.denyBot(B.channel('news').id, PermissionFlagsBits.SendMessages);
    world.serve(story('umg-tiktok', 'Universal Music Group and TikTok sign licensing deal'));
    await world.bot.cycle();
    expect(emulator.messages(A.channel('news').id)).toHaveLength(2);
    expect(emulator.messages(B.channel('news').id)).toHaveLength(1);
    expect(emulator.messages(B.channel('general').id).at(-1)?.content).toMatch(/Crossover can no longer post in <#\d+> .*paused/);
    expect((await subscriptions.list(B.id)).map((s) => s.paused?.reason)).toEqual([expect.stringMatching(/Missing Permissions/)]);
    expect(emulator.requestsTo('GET', `/guilds/${B.id}`)).toHaveLength(1);
    expect(emulator.requestsTo('GET', `/guilds/${A.id}`)).toHaveLength(0);
  } finally {
    await keyv.close();
  }
  emulator.assertNoViolations();
});

test('SHARD_COUNT=auto runs the count Discord recommends (GET /gateway/bot), all in this process', async () => {
  const world = await start({ SHARD_COUNT: 'auto' }, { guildsPerShard: 1, maxConcurrency: 2 });
  const { emulator } = world;
  expect(emulator.requestsTo('GET', '/gateway/bot')[0]?.responseBody).toMatchObject({ shards: 2 });
  expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  for (const key of ['A', 'B']) {
    const guild = emulator.guild(key);
    expect(text(await world.command(guild, 'admin', 'subscribe', { channel: guild.channel('news').id }))).toContain('will get deal news');
  }
  expect([...sentByShard(emulator, 'INTERACTION_CREATE').keys()].sort()).toEqual(['0/2', '1/2']);
});

test('a bot in too many servers for its shards is told which setting to change', async () => {
  await expect(startBotWorld({ emulator: { guilds: guildsOnTwoShards(), sharding: { maxGuildsPerSession: 1 } } })).rejects.toThrow(
    'Discord refused the connection: the bot is in too many servers for this many shards (4011 Sharding required); set SHARD_COUNT=auto, or a larger SHARD_COUNT for every process',
  );
});
