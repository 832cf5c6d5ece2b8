/** Gateway sharding in the emulator, driven by the real discord.js client: internal sharding, one
 * shard per client, the recommended count (`shards: 'auto'`), and the close codes 4010 and 4011. */
import type { Interaction } from 'discord.js';
import { Client, Events, GatewayIntentBits, MessageFlags, PermissionFlagsBits } from 'discord.js';
import type { DiscordEmulator, GuildFixture, ShardingOptions } from './discord-emulator';
import { createDefaultFixtures, guildIdOnShard, shardOf, startDiscordEmulator } from './discord-emulator';
import { sentByShard } from './discord-emulator/shard-events';
import { parseShard } from './discord-emulator/sharding';

const emulators: DiscordEmulator[] = [];
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const emulator of emulators.splice(0)) await emulator.close();
});

/** A and B on shard 0 of 2, C and D on shard 1. */
function guildsOnTwoShards(): GuildFixture[] {
  return createDefaultFixtures(['A', 'B', 'C', 'D']).map((guild, i) => ({ ...guild, id: guildIdOnShard(i < 2 ? 0 : 1, 2, i) }));
}

async function startEmulator(sharding: ShardingOptions = { maxConcurrency: 2 }): Promise<DiscordEmulator> {
  const emulator = await startDiscordEmulator({ guilds: guildsOnTwoShards(), sharding });
  emulators.push(emulator);
  return emulator;
}

function createClient(emulator: DiscordEmulator, shards: { shards: number[] | 'auto'; shardCount?: number }): Client {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiBase }, ...shards });
  clients.push(client);
  return client;
}

async function login(emulator: DiscordEmulator, client: Client): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emulator.token);
  await ready;
}

/** Answers every slash command with the shard it arrived on. */
function answerWithShard(client: Client): void {
  client.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (!interaction.isChatInputCommand()) return;
    void interaction.reply({ content: `shard ${interaction.guild?.shardId ?? 'none'}`, flags: MessageFlags.Ephemeral }).catch(() => undefined);
  });
}

const ids = (emulator: DiscordEmulator, keys: string[]) => keys.map((key) => emulator.guild(key).id).sort();

test('the fixture guilds land where Discord’s formula puts them', async () => {
  const emulator = await startEmulator();
  expect(['A', 'B', 'C', 'D'].map((key) => shardOf(emulator.guild(key).id, 2))).toEqual([0, 0, 1, 1]);
});

test('one client running shards 0 and 1 of 2 gets each guild from its own shard, and interactions too', async () => {
  const emulator = await startEmulator();
  const client = createClient(emulator, { shards: [0, 1], shardCount: 2 });
  answerWithShard(client);
  await login(emulator, client);

  expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  const ready = sentByShard(emulator, 'READY');
  const created = sentByShard(emulator, 'GUILD_CREATE');
  expect(ready.get('0/2')?.sort()).toEqual(ids(emulator, ['A', 'B']));
  expect(created.get('0/2')?.sort()).toEqual(ids(emulator, ['A', 'B']));
  expect(created.get('1/2')?.sort()).toEqual(ids(emulator, ['C', 'D']));
  expect(client.guilds.cache.size).toBe(4);
  expect(client.guilds.cache.get(emulator.guild('C').id)?.shardId).toBe(1);

  for (const [key, shard] of [['A', 0], ['D', 1]] as const) {
    const reply = await emulator.sendSlashCommand({ guildId: emulator.guild(key).id, name: 'help' }).reply();
    expect(reply.content).toBe(`shard ${shard}`);
  }
  expect(sentByShard(emulator, 'INTERACTION_CREATE')).toEqual(new Map([['0/2', ids(emulator, ['A'])], ['1/2', ids(emulator, ['D'])]]));
  emulator.assertNoViolations();
});

test('two clients, one shard of two each, each get exactly their guilds, their interactions and their events', async () => {
  const emulator = await startEmulator();
  const first = createClient(emulator, { shards: [0], shardCount: 2 });
  const second = createClient(emulator, { shards: [1], shardCount: 2 });
  const seen = new Map<Client, string[]>([[first, []], [second, []]]);
  for (const client of [first, second]) {
    answerWithShard(client);
    client.on(Events.InteractionCreate, (interaction) => seen.get(client)?.push(interaction.guildId ?? 'dm'));
    await login(emulator, client);
  }
  expect([...first.guilds.cache.keys()].sort()).toEqual(ids(emulator, ['A', 'B']));
  expect([...second.guilds.cache.keys()].sort()).toEqual(ids(emulator, ['C', 'D']));

  for (const key of ['B', 'C', 'A']) {
    await emulator.sendSlashCommand({ guildId: emulator.guild(key).id, name: 'help' }).reply();
  }
  expect(seen.get(first)).toEqual([emulator.guild('B').id, emulator.guild('A').id]);
  expect(seen.get(second)).toEqual([emulator.guild('C').id]);

  // A guild's channel event goes to its shard; an event without a guild goes to shard 0 only.
  emulator.denyBot(emulator.guild('D').channel('news').id, PermissionFlagsBits.SendMessages);
  emulator.dispatch('TYPING_START', { channel_id: '1', user_id: emulator.guild('A').member('member').id, timestamp: 0 });
  const d = emulator.guild('D');
  const news = () => second.guilds.cache.get(d.id)?.channels.cache.get(d.channel('news').id);
  await emulator.waitFor(() => news()?.permissionsFor(emulator.botUserId)?.has('SendMessages') === false, 5000, 'CHANNEL_UPDATE on shard 1');
  expect(sentByShard(emulator, 'CHANNEL_UPDATE')).toEqual(new Map([['1/2', [d.id]]]));
  expect([...sentByShard(emulator, 'TYPING_START').keys()]).toEqual(['0/2']);
  emulator.assertNoViolations();
});

test("shards: 'auto' runs the count GET /gateway/bot recommends, which follows the number of guilds", async () => {
  const emulator = await startEmulator({ guildsPerShard: 2, maxConcurrency: 2 });
  const client = createClient(emulator, { shards: 'auto' });
  await login(emulator, client);
  expect(emulator.requestsTo('GET', '/gateway/bot')[0]?.responseBody).toMatchObject({ shards: 2, session_start_limit: { max_concurrency: 2 } });
  expect(client.options.shardCount).toBe(2);
  expect(emulator.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
  expect(client.guilds.cache.size).toBe(4);
});

test('a session that would hold too many guilds is closed with 4011 Sharding required', async () => {
  const emulator = await startEmulator({ maxGuildsPerSession: 2 });
  const client = createClient(emulator, { shards: [0], shardCount: 1 });
  client.on(Events.ShardError, () => undefined);
  await expect(client.login(emulator.token)).rejects.toThrow('Sharding is required');
  await emulator.waitFor(() => emulator.gatewayEvents.some((e) => e.t === 'CLOSE' && (e.d as { code: number }).code === 4011), 2000, 'close 4011');
  expect(emulator.identifies).toEqual([]);
});

test('a shard id outside the count is closed with 4010 Invalid shard', async () => {
  const emulator = await startEmulator();
  const client = createClient(emulator, { shards: [2], shardCount: 2 });
  client.on(Events.ShardError, () => undefined);
  await expect(client.login(emulator.token)).rejects.toThrow('Invalid shard');
  await emulator.waitFor(() => emulator.gatewayEvents.some((e) => e.t === 'CLOSE' && (e.d as { code: number }).code === 4010), 2000, 'close 4010');
});

test.each([
  [undefined, [0, 1]],
  [[1, 3], [1, 3]],
  [[3, 3], null],
  [[-1, 2], null],
  [[0, 0], null],
  [[0.5, 2], null],
  [['0', '2'], null],
  [[0], null],
  ['0,1', null],
])('IDENTIFY shard %j is read as %j (null: closed with 4010)', (input, expected) => {
  expect(parseShard(input)).toEqual(expected);
});
