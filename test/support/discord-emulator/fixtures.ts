/** Fixture descriptions: the guilds, channels, roles and members the emulator starts with. Everything
 * is named by a `key` so tests can say `emulator.guild('A').channel('news').id`; ids are generated
 * unless given. */
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, Permission } from './permissions';

export interface RoleFixture {
  key: string;
  id?: string;
  name?: string;
  permissions?: bigint;
  mentionable?: boolean;
  color?: number;
}

export interface OverwriteFixture {
  /** A role key of the guild, or '@everyone'. */
  role?: string;
  /** A member key of the guild, or '@bot'. */
  member?: string;
  allow?: bigint;
  deny?: bigint;
}

export interface ChannelFixture {
  key: string;
  id?: string;
  name?: string;
  /** 0 text (default), 5 announcement, 4 category. */
  type?: 0 | 4 | 5;
  topic?: string;
  /** Key of a category channel of the same guild. */
  parent?: string;
  overwrites?: OverwriteFixture[];
}

export interface MemberFixture {
  key: string;
  id?: string;
  username?: string;
  globalName?: string;
  nick?: string;
  /** Role keys of the guild. */
  roles?: string[];
}

export interface GuildFixture {
  key: string;
  id?: string;
  name?: string;
  /** Member key of the owner (owners have every permission). */
  owner?: string;
  locale?: string;
  everyonePermissions?: bigint;
  /** Permissions of the bot's managed role in this guild. */
  botPermissions?: bigint;
  roles?: RoleFixture[];
  channels?: ChannelFixture[];
  members?: MemberFixture[];
  /** Channel key used as the guild's system channel (default: the first text channel). */
  systemChannel?: string;
}

export interface BotFixture {
  userId?: string;
  applicationId?: string;
  username?: string;
}

function createDefaultGuild(key: string): GuildFixture {
  const lower = key.toLowerCase();
  return {
    key,
    name: `Crossover Test ${key}`,
    owner: 'owner',
    locale: 'en-US',
    everyonePermissions: DEFAULT_EVERYONE_PERMISSIONS,
    botPermissions: DEFAULT_BOT_PERMISSIONS,
    roles: [
      { key: 'moderators', name: 'Moderators', permissions: Permission.ManageGuild | Permission.ManageMessages, color: 0x3498db },
      { key: 'news-pings', name: 'News pings', permissions: 0n, mentionable: true, color: 0xe67e22 },
    ],
    channels: [
      { key: 'news', name: 'music-news', topic: 'Deals and news' },
      { key: 'general', name: 'general' },
      {
        key: 'staff',
        name: 'staff',
        overwrites: [
          { role: '@everyone', deny: Permission.ViewChannel },
          { role: 'moderators', allow: Permission.ViewChannel },
          { member: '@bot', allow: Permission.ViewChannel },
        ],
      },
    ],
    members: [
      { key: 'owner', username: `owner-${lower}`, globalName: `Owner ${key}` },
      { key: 'admin', username: `admin-${lower}`, globalName: `Admin ${key}`, roles: ['moderators'] },
      { key: 'member', username: `member-${lower}`, globalName: `Member ${key}` },
    ],
    systemChannel: 'general',
  };
}

/** Two guilds, A and B (or one per key given), each with #music-news, #general and a private #staff; an
 * owner, an admin with Manage Server through the Moderators role, and a plain member; plus the bot with
 * its managed role. */
export function createDefaultFixtures(keys: readonly string[] = ['A', 'B']): GuildFixture[] {
  return keys.map((key) => createDefaultGuild(key));
}
