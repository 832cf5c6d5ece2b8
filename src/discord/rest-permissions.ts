import type { APIGuild, APIGuildMember, APIOverwrite } from 'discord.js';
import { OverwriteType, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * A member's permissions in a channel from what Discord's REST API returns (the server with its
 * roles, the member, the channel's overwrites), as Discord documents the computation: the owner and
 * Administrator have every permission; otherwise @everyone's and the member's roles' permissions,
 * then the channel's overwrites for @everyone, for the member's roles together, and for the member.
 * For servers whose shard another process runs, which this process's cache does not hold.
 */
export function permissionsFromRest(
  guild: Pick<APIGuild, 'id' | 'owner_id' | 'roles'>,
  member: Pick<APIGuildMember, 'roles'>,
  userId: string,
  overwrites: readonly APIOverwrite[],
): bigint {
  if (guild.owner_id === userId) return PermissionsBitField.All;
  const roleBits = new Map(guild.roles.map((role) => [role.id, BigInt(role.permissions)]));
  const base = member.roles.reduce((bits, id) => bits | (roleBits.get(id) ?? 0n), roleBits.get(guild.id) ?? 0n);
  if ((base & PermissionFlagsBits.Administrator) !== 0n) return PermissionsBitField.All;

  const apply = (bits: bigint, found: readonly APIOverwrite[]) => {
    const allow = found.reduce((all, o) => all | BigInt(o.allow), 0n);
    const deny = found.reduce((all, o) => all | BigInt(o.deny), 0n);
    return (bits & ~deny) | allow;
  };
  const ofRoles = (ids: readonly string[]) => overwrites.filter((o) => o.type === OverwriteType.Role && ids.includes(o.id));
  const everyone = apply(base, ofRoles([guild.id]));
  const roles = apply(everyone, ofRoles(member.roles));
  return apply(roles, overwrites.filter((o) => o.type === OverwriteType.Member && o.id === userId));
}
