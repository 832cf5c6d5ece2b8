/** Named access to fixture ids: `emulator.guild('A').channel('news').id`. */
import type { EmulatorState, GuildRecord } from './state';

export interface NamedRef {
  id: string;
  key: string;
}

export interface GuildRef extends NamedRef {
  name: string;
  ownerId: string;
  /** @everyone's role id (the guild id). */
  everyoneRoleId: string;
  /** The bot's managed role. */
  botRoleId: string;
  channel(key: string): NamedRef & { name: string };
  role(key: string): NamedRef & { name: string };
  member(key: string): NamedRef & { username: string };
}

function pick(map: Map<string, string>, key: string, what: string, guild: GuildRecord): string {
  const id = map.get(key);
  if (!id) throw new Error(`discord emulator: guild ${guild.key} has no ${what} '${key}' (known: ${[...map.keys()].join(', ')})`);
  return id;
}

export function createGuildRef(state: EmulatorState, key: string): GuildRef {
  const guild = [...state.guilds.values()].find((g) => g.key === key);
  if (!guild) throw new Error(`discord emulator: no guild with key '${key}'`);
  return {
    id: guild.id,
    key: guild.key,
    name: guild.name,
    ownerId: guild.ownerId,
    everyoneRoleId: guild.id,
    botRoleId: pick(guild.roleIds, '@bot', 'role', guild),
    channel(channelKey) {
      const id = pick(guild.channelIds, channelKey, 'channel', guild);
      return { id, key: channelKey, name: state.channels.get(id)?.name ?? channelKey };
    },
    role(roleKey) {
      const id = pick(guild.roleIds, roleKey, 'role', guild);
      return { id, key: roleKey, name: state.roles.get(id)?.name ?? roleKey };
    },
    member(memberKeyName) {
      const id = pick(guild.memberIds, memberKeyName, 'member', guild);
      return { id, key: memberKeyName, username: state.users.get(id)?.username ?? memberKeyName };
    },
  };
}
