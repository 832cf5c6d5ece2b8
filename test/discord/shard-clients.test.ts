import type { Client } from 'discord.js';
import { PermissionFlagsBits, REST } from 'discord.js';
import { createDiscordClient, gatewayState, logIn } from '../../src/discord/client';
import type { GuildFacts } from '../../src/discord/guild-facts';
import { createGuildFacts } from '../../src/discord/guild-facts';
import { NO_SWEEPERS } from '../../src/discord/rest-sweepers';
import { createSilentLogger } from '../../src/logger';
import type { DiscordEmulator, GuildFixture } from '../support/discord-emulator';
import { createDefaultFixtures, guildIdOnShard } from '../support/discord-emulator';
import { startDiscordEmulator } from '../support/discord-emulator';
import { Permission } from '../support/discord-emulator/permissions';

/**
 * Two processes' clients, one shard each: two real discord.js clients against the emulator, one
 * running shard 0 of 2 (server A), one running shard 1 (servers B and C, C's bot role an
 * Administrator). What delivery knows about a server, whichever process asks: the first one's facts
 * about B and C come over REST, the second one's from its cache. And the gateway state per process.
 */
describe('clients that run some of the shards', () => {
  let emulator: DiscordEmulator;
  let first: Client;
  let second: Client;
  let overRest: GuildFacts;
  let fromCache: GuildFacts;

  beforeAll(async () => {
    const [a, b, c] = createDefaultFixtures(['A', 'B', 'C']) as [GuildFixture, GuildFixture, GuildFixture];
    const guilds = [
      { ...a, id: guildIdOnShard(0, 2, 0) },
      { ...b, id: guildIdOnShard(1, 2, 1) },
      { ...c, id: guildIdOnShard(1, 2, 2), botPermissions: Permission.Administrator },
    ];
    emulator = await startDiscordEmulator({ guilds, sharding: { maxConcurrency: 2 } });
    const log = createSilentLogger();
    first = createDiscordClient({ apiBase: emulator.apiBase, shards: { count: 2, ids: [0] }, log });
    second = createDiscordClient({ apiBase: emulator.apiBase, shards: { count: 2, ids: [1] }, log });
    await logIn(first, emulator.token);
    await logIn(second, emulator.token);
    const rest = new REST({ ...NO_SWEEPERS, api: emulator.apiBase }).setToken(emulator.token);
    overRest = createGuildFacts(first, rest);
    fromCache = createGuildFacts(second, rest);
  });
  afterAll(async () => {
    await first.destroy();
    await second.destroy();
    await emulator.close();
  });

  it('finds where to tell the admins of a server on its own shard in its cache, and of any other over REST', async () => {
    const [A, B] = [emulator.guild('A'), emulator.guild('B')];
    const expected = (key: string) => ({ channelIds: [emulator.guild(key).channel('general').id], ownerId: emulator.guild(key).member('owner').id });
    expect(await overRest.noticeTargets(A.id)).toEqual(expected('A'));
    expect(emulator.requestsTo('GET', `/guilds/${A.id}`)).toHaveLength(0);
    expect(await overRest.noticeTargets(B.id)).toEqual(expected('B'));
    expect(await fromCache.noticeTargets(B.id)).toEqual(expected('B'));
    expect(emulator.requestsTo('GET', `/guilds/${B.id}`)).toHaveLength(1);
  });

  it('computes the bot’s channel permissions over REST as discord.js does from its cache', async () => {
    const [B, C] = [emulator.guild('B'), emulator.guild('C')];
    // @everyone may not see #staff, the bot's own overwrite lets it; now it also loses Read Message
    // History in C's #news, where it is an Administrator, and in B's #news (its own overwrites). Both
    // servers are on shard 1, whose events arrive in order: B's update comes last.
    for (const channelId of [C.channel('news').id, B.channel('news').id]) emulator.denyBot(channelId, PermissionFlagsBits.ReadMessageHistory);
    const cachedNews = () => second.guilds.cache.get(B.id)?.channels.cache.get(B.channel('news').id);
    await emulator.waitFor(() => cachedNews()?.permissionsFor(emulator.botUserId)?.has('ReadMessageHistory') === false, 5000, 'CHANNEL_UPDATE on shard 1');

    const answers = async (facts: GuildFacts) => {
      const out: Record<string, boolean | undefined> = {};
      for (const guild of [B, C]) {
        for (const key of ['news', 'general', 'staff']) out[`${guild.key}/${key}`] = await facts.canReadHistory(guild.id, guild.channel(key).id);
      }
      return out;
    };
    const cached = await answers(fromCache);
    expect(cached).toEqual({ 'B/news': false, 'B/general': true, 'B/staff': true, 'C/news': true, 'C/general': true, 'C/staff': true });
    expect(await answers(overRest)).toEqual(cached);
  });

  it('says the gateway is not ready while any shard of the process is down', async () => {
    expect(gatewayState(second)).toBe('ready');
    // Closed with "authentication failed", a shard does not come back by itself.
    emulator.dropGateway({ code: 4004 });
    await emulator.waitFor(() => gatewayState(second) === 'disconnected', 5000, 'the shard to be down');
  });
});
