/** Read-only guild lookups a bot may make: the guild, its channels, roles and one member. */
import { requireGuild } from '../access';
import type { RouteDefinition } from '../context';
import { json } from '../context';
import { discordError, ErrorCode } from '../discord-error';
import { channelPayload, guildChannels, guildPayload, guildRoles, memberPayload, rolePayload } from '../payloads';
import { memberKey } from '../state';

export const guildRoutes: RouteDefinition[] = [
  { method: 'GET', template: '/guilds/:guildId', auth: true, handle: (request, ctx) => json(200, guildPayload(ctx.state, requireGuild(ctx, request.params.guildId ?? ''))) },
  {
    method: 'GET', template: '/guilds/:guildId/channels', auth: true,
    handle: (request, ctx) => {
      const guild = requireGuild(ctx, request.params.guildId ?? '');
      return json(200, guildChannels(ctx.state, guild.id).filter((c) => !c.thread).map((c) => channelPayload(ctx.state, c)));
    },
  },
  {
    method: 'GET', template: '/guilds/:guildId/roles', auth: true,
    handle: (request, ctx) => json(200, guildRoles(ctx.state, requireGuild(ctx, request.params.guildId ?? '').id).map(rolePayload)),
  },
  {
    method: 'GET', template: '/guilds/:guildId/members/:userId', auth: true,
    handle: (request, ctx) => {
      const guild = requireGuild(ctx, request.params.guildId ?? '');
      const userId = request.params.userId ?? '';
      if (!ctx.state.members.has(memberKey(guild.id, userId))) throw discordError(404, ErrorCode.UnknownMember);
      return json(200, memberPayload(ctx.state, guild.id, userId));
    },
  },
];
