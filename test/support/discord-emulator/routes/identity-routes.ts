/** Who the bot is and where the gateway is: /gateway(/bot), /users, /applications/@me, DM channels. */
import type { EmulatorContext, RestRequest, RestResult, RouteDefinition } from '../context';
import { bodyObject, json } from '../context';
import { discordError, ErrorCode } from '../discord-error';
import { channelPayload, userPayload } from '../payloads';
import { recommendedShards } from '../sharding';
import type { ChannelRecord } from '../state';

function applicationPayload(ctx: EmulatorContext): Record<string, unknown> {
  const { bot } = ctx.state;
  return {
    id: bot.applicationId, name: bot.user.username, icon: null, description: 'Crossover (emulated)', summary: '',
    type: null, bot_public: true, bot_require_code_grant: false, verify_key: '0'.repeat(64), flags: 1 << 23,
    bot: userPayload(ctx.state, bot.user.id), owner: { id: '0', username: 'owner', discriminator: '0', global_name: null, avatar: null, public_flags: 0 },
    team: null, approximate_guild_count: ctx.state.guilds.size, install_params: { scopes: ['bot', 'applications.commands'], permissions: '0' },
    integration_types_config: { '0': {} }, tags: [], redirect_uris: [], interactions_endpoint_url: null,
  };
}

function openDm(request: RestRequest, ctx: EmulatorContext): RestResult {
  const recipientId = String(bodyObject(request.body).recipient_id ?? '');
  if (!ctx.state.users.has(recipientId)) throw discordError(400, ErrorCode.UnknownUser);
  let channel = [...ctx.state.channels.values()].find((c) => c.recipientId === recipientId);
  if (!channel) {
    const created: ChannelRecord = { id: ctx.state.ids.next(), guildId: null, key: null, type: 1, name: '', position: 0, topic: null, parentId: null, overwrites: [], lastMessageId: null, recipientId };
    ctx.state.channels.set(created.id, created);
    channel = created;
  }
  return json(200, channelPayload(ctx.state, channel));
}

export const identityRoutes: RouteDefinition[] = [
  {
    method: 'GET', template: '/gateway/bot', auth: true,
    handle: (_request, ctx) => json(200, {
      url: ctx.gatewayUrl, shards: recommendedShards(ctx.state.guilds.size, ctx.options.sharding),
      session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: ctx.options.sharding.maxConcurrency },
    }),
  },
  { method: 'GET', template: '/gateway', auth: false, handle: (_request, ctx) => json(200, { url: ctx.gatewayUrl }) },
  { method: 'GET', template: '/users/@me', auth: true, handle: (_request, ctx) => json(200, { ...userPayload(ctx.state, ctx.state.bot.user.id), verified: true, mfa_enabled: false, flags: 0 }) },
  {
    method: 'GET', template: '/users/:userId', auth: true,
    handle: (request, ctx) => {
      if (!ctx.state.users.has(request.params.userId ?? '')) throw discordError(404, ErrorCode.UnknownUser);
      return json(200, userPayload(ctx.state, request.params.userId ?? ''));
    },
  },
  { method: 'POST', template: '/users/@me/channels', auth: true, handle: openDm },
  { method: 'GET', template: '/applications/@me', auth: true, handle: (_request, ctx) => json(200, applicationPayload(ctx)) },
  { method: 'GET', template: '/oauth2/applications/@me', auth: true, handle: (_request, ctx) => json(200, applicationPayload(ctx)) },
];
