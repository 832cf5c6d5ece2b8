/** Application commands, global and per guild: bulk overwrite (ids kept for unchanged names), list,
 * create, get, edit, delete. Every definition is checked against Discord's rules. */
import { requireGuild } from '../access';
import type { ApiApplicationCommand, JsonObject } from '../api-types';
import { isRecord } from '../api-types';
import type { EmulatorContext, RestRequest, RestResult, RouteDefinition } from '../context';
import { bodyObject, json, noContent } from '../context';
import { checkCommand, checkCommandList } from '../command-limits';
import { discordError, ErrorCode } from '../discord-error';
import { rejectWithViolation } from '../message-ops';

const GLOBAL = '/applications/:applicationId/commands';
const GUILD = '/applications/:applicationId/guilds/:guildId/commands';

function scopeOf(ctx: EmulatorContext, request: RestRequest): { key: string; guildId?: string } {
  if (request.params.applicationId !== ctx.state.bot.applicationId) throw discordError(403, ErrorCode.MissingAccess);
  const guildId = request.params.guildId;
  if (guildId === undefined) return { key: 'global' };
  requireGuild(ctx, guildId);
  return { key: guildId, guildId };
}

function normalizeCommand(ctx: EmulatorContext, body: JsonObject, id: string, guildId: string | undefined): ApiApplicationCommand {
  const type = typeof body.type === 'number' ? body.type : 1;
  const command: ApiApplicationCommand = {
    id, application_id: ctx.state.bot.applicationId, version: ctx.state.ids.next(), type,
    name: String(body.name), description: typeof body.description === 'string' ? body.description : '',
    default_member_permissions: typeof body.default_member_permissions === 'string' ? body.default_member_permissions : null,
    nsfw: body.nsfw === true,
    contexts: Array.isArray(body.contexts) ? body.contexts.map(Number) : null,
    integration_types: Array.isArray(body.integration_types) ? body.integration_types.map(Number) : [0],
    ...(guildId ? { guild_id: guildId } : { dm_permission: body.dm_permission !== false }),
  };
  if (Array.isArray(body.options)) command.options = structuredClone(body.options.filter(isRecord));
  if (isRecord(body.name_localizations)) command.name_localizations = structuredClone(body.name_localizations);
  if (isRecord(body.description_localizations)) command.description_localizations = structuredClone(body.description_localizations);
  return command;
}

function bulkOverwrite(request: RestRequest, ctx: EmulatorContext): RestResult {
  const scope = scopeOf(ctx, request);
  const route = scope.guildId ? GUILD : GLOBAL;
  const problems = checkCommandList(request.body);
  if (problems.length > 0) rejectWithViolation(ctx, request, route, 'command', problems);
  const previous = ctx.state.commands.get(scope.key) ?? [];
  const list = (request.body as unknown[]).filter(isRecord).map((body) => {
    const type = typeof body.type === 'number' ? body.type : 1;
    const same = previous.find((c) => c.name === body.name && c.type === type);
    return normalizeCommand(ctx, body, same?.id ?? ctx.state.ids.next(), scope.guildId);
  });
  ctx.state.commands.set(scope.key, list);
  ctx.recorder.touch();
  return json(200, list);
}

function createOne(request: RestRequest, ctx: EmulatorContext): RestResult {
  const scope = scopeOf(ctx, request);
  const problems = checkCommand(request.body);
  if (problems.length > 0) rejectWithViolation(ctx, request, scope.guildId ? GUILD : GLOBAL, 'command', problems);
  const body = bodyObject(request.body);
  const list = ctx.state.commands.get(scope.key) ?? [];
  const type = typeof body.type === 'number' ? body.type : 1;
  const existing = list.find((c) => c.name === body.name && c.type === type);
  const command = normalizeCommand(ctx, body, existing?.id ?? ctx.state.ids.next(), scope.guildId);
  ctx.state.commands.set(scope.key, [...list.filter((c) => c !== existing), command]);
  ctx.recorder.touch();
  return json(existing ? 200 : 201, command);
}

function findOne(ctx: EmulatorContext, request: RestRequest): { key: string; command: ApiApplicationCommand; guildId?: string } {
  const scope = scopeOf(ctx, request);
  const command = (ctx.state.commands.get(scope.key) ?? []).find((c) => c.id === request.params.commandId);
  if (!command) throw discordError(404, ErrorCode.UnknownApplicationCommand);
  return { ...scope, command };
}

function editOne(request: RestRequest, ctx: EmulatorContext): RestResult {
  const { key, command, guildId } = findOne(ctx, request);
  const merged = { ...command, ...bodyObject(request.body) };
  const problems = checkCommand(merged);
  if (problems.length > 0) rejectWithViolation(ctx, request, guildId ? GUILD : GLOBAL, 'command', problems);
  const updated = normalizeCommand(ctx, merged, command.id, guildId);
  ctx.state.commands.set(key, (ctx.state.commands.get(key) ?? []).map((c) => (c.id === command.id ? updated : c)));
  return json(200, updated);
}

function routesFor(base: string): RouteDefinition[] {
  return [
    { method: 'PUT', template: base, auth: true, handle: bulkOverwrite },
    { method: 'GET', template: base, auth: true, handle: (request, ctx) => json(200, ctx.state.commands.get(scopeOf(ctx, request).key) ?? []) },
    { method: 'POST', template: base, auth: true, handle: createOne },
    { method: 'GET', template: `${base}/:commandId`, auth: true, handle: (request, ctx) => json(200, findOne(ctx, request).command) },
    { method: 'PATCH', template: `${base}/:commandId`, auth: true, handle: editOne },
    {
      method: 'DELETE', template: `${base}/:commandId`, auth: true,
      handle: (request, ctx) => {
        const { key, command } = findOne(ctx, request);
        ctx.state.commands.set(key, (ctx.state.commands.get(key) ?? []).filter((c) => c.id !== command.id));
        return noContent();
      },
    },
  ];
}

export const commandRoutes: RouteDefinition[] = [...routesFor(GLOBAL), ...routesFor(GUILD)];
