import type { APIChannel, APIGuild, APIGuildMember, APIOverwrite, Client, Guild, REST } from 'discord.js';
import { PermissionFlagsBits, Routes } from 'discord.js';
import { permissionsFromRest } from './rest-permissions';

/** Where to tell a server's admins that posting to a channel stopped: channels to try in order, then the owner. */
export interface NoticeTargets {
  channelIds: string[];
  ownerId?: string;
}

/**
 * What delivery needs to know about a server besides posting, for any server the bot is in. Any
 * process delivers to every subscribed channel, but its gateway cache holds only the servers of the
 * shards it runs: those are answered from the cache, every other server over REST. A server missing
 * from the cache is never taken to mean the bot left it. Lookup errors are thrown (the transport
 * decides what they mean).
 */
export interface GuildFacts {
  /** Whether the bot may read a channel's history (undefined: unknown). */
  canReadHistory(guildId: string, channelId: string): Promise<boolean | undefined>;
  /** The system channel, the community updates channel, then the owner. */
  noticeTargets(guildId: string): Promise<NoticeTargets>;
}

export function createGuildFacts(client: Client, rest: REST): GuildFacts {
  const cached = (guildId: string): Guild | undefined => {
    const guild = client.guilds.cache.get(guildId);
    return guild?.available && guild.members.me ? guild : undefined;
  };
  const fetchGuild = async (guildId: string) => (await rest.get(Routes.guild(guildId))) as APIGuild;
  const targetsOf = (guild: { systemChannelId: string | null; publicUpdatesChannelId: string | null; ownerId: string }): NoticeTargets => ({
    channelIds: [guild.systemChannelId, guild.publicUpdatesChannelId].filter((id): id is string => Boolean(id)),
    ownerId: guild.ownerId,
  });

  return {
    async canReadHistory(guildId, channelId) {
      const guild = cached(guildId);
      const channel = guild?.channels.cache.get(channelId);
      if (guild?.members.me && channel) return channel.permissionsFor(guild.members.me).has(PermissionFlagsBits.ReadMessageHistory);
      const botId = client.user?.id;
      if (!botId) return undefined;
      const [server, member, target] = await Promise.all([
        fetchGuild(guildId),
        rest.get(Routes.guildMember(guildId, botId)) as Promise<APIGuildMember>,
        rest.get(Routes.channel(channelId)) as Promise<APIChannel & { permission_overwrites?: APIOverwrite[] }>,
      ]);
      const permissions = permissionsFromRest(server, member, botId, target.permission_overwrites ?? []);
      return (permissions & PermissionFlagsBits.ReadMessageHistory) !== 0n;
    },
    async noticeTargets(guildId) {
      const guild = cached(guildId);
      if (guild) return targetsOf(guild);
      const server = await fetchGuild(guildId);
      return targetsOf({ systemChannelId: server.system_channel_id, publicUpdatesChannelId: server.public_updates_channel_id, ownerId: server.owner_id });
    },
  };
}
