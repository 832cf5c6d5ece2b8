/** Turns a test's `{ deal: 'netflix spotify', count: 3 }` into the interaction `options` and
 * `resolved` shapes Discord sends, typed from the registered command when there is one. */
import type { ApiApplicationCommand, JsonObject } from './api-types';
import { isRecord } from './api-types';
import { channelPayload, memberPayload, rolePayload, userPayload } from './payloads';
import type { EmulatorState } from './state';
import { channelPermissionsOf, memberKey } from './state';

export type OptionValue = string | number | boolean;
/** A plain value (typed from the registered command, else string/integer/number/boolean by its JS
 * type) or an explicit `{ type, value }` (6 user, 7 channel, 8 role, 9 mentionable take an id). */
export type OptionInput = OptionValue | { type: number; value: OptionValue };

export const OptionType = { SubCommand: 1, SubCommandGroup: 2, String: 3, Integer: 4, Boolean: 5, User: 6, Channel: 7, Role: 8, Mentionable: 9, Number: 10, Attachment: 11 } as const;

export interface CommandShape {
  command: ApiApplicationCommand | undefined;
  options: JsonObject[];
  resolved: JsonObject;
}

export function findCommand(state: EmulatorState, guildId: string | null, name: string, type = 1): ApiApplicationCommand | undefined {
  const inGuild = guildId ? state.commands.get(guildId)?.find((c) => c.name === name && c.type === type) : undefined;
  return inGuild ?? state.commands.get('global')?.find((c) => c.name === name && c.type === type);
}

function childDefinitions(parent: JsonObject[] | undefined, name: string, type: number, commandName: string): JsonObject[] | undefined {
  if (!parent) return undefined;
  const child = parent.find((o) => o.name === name && o.type === type);
  if (!child) throw new Error(`discord emulator: /${commandName} has no ${type === 2 ? 'subcommand group' : 'subcommand'} '${name}'`);
  return Array.isArray(child.options) ? child.options.filter(isRecord) : [];
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return OptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? OptionType.Integer : OptionType.Number;
  return OptionType.String;
}

interface ResolveContext {
  state: EmulatorState;
  guildId: string | null;
  channelId: string;
  invokerId: string;
  resolved: Record<string, Record<string, unknown>>;
}

function addResolved(rc: ResolveContext, type: number, id: string): void {
  const bucket = (key: string) => (rc.resolved[key] ??= {});
  const { state, guildId } = rc;
  const asUser = () => {
    if (!state.users.has(id)) return false;
    bucket('users')[id] = userPayload(state, id);
    if (guildId && state.members.has(memberKey(guildId, id))) {
      bucket('members')[id] = { ...memberPayload(state, guildId, id, false), permissions: channelPermissionsOf(state, rc.channelId, id).toString() };
    }
    return true;
  };
  const asRole = () => {
    const role = state.roles.get(id);
    if (!role || role.guildId !== guildId) return false;
    bucket('roles')[id] = rolePayload(role);
    return true;
  };
  if (type === OptionType.User && !asUser()) throw new Error(`discord emulator: no user ${id}`);
  if (type === OptionType.Role && !asRole()) throw new Error(`discord emulator: no role ${id} in this guild`);
  if (type === OptionType.Mentionable && !asUser() && !asRole()) throw new Error(`discord emulator: ${id} is neither a user nor a role`);
  if (type === OptionType.Channel) {
    const channel = state.channels.get(id);
    if (!channel || channel.guildId !== guildId) throw new Error(`discord emulator: no channel ${id} in this guild`);
    const full = channelPayload(state, channel);
    bucket('channels')[id] = {
      id, type: full.type, name: full.name, parent_id: full.parent_id ?? null, flags: 0,
      permissions: channelPermissionsOf(state, id, rc.invokerId).toString(),
      ...(full.thread_metadata ? { thread_metadata: full.thread_metadata } : {}),
    };
  }
}

function checkValue(commandName: string, name: string, type: number, value: OptionValue, definition: JsonObject | undefined, focused: boolean): void {
  const fail = (why: string) => {
    throw new Error(`discord emulator: /${commandName} option '${name}': ${why}`);
  };
  if (focused) return;
  if (type === OptionType.Integer && !(typeof value === 'number' && Number.isInteger(value))) fail('must be an integer');
  if (type === OptionType.Number && typeof value !== 'number') fail('must be a number');
  if (type === OptionType.Boolean && typeof value !== 'boolean') fail('must be a boolean');
  if ([OptionType.String, OptionType.User, OptionType.Channel, OptionType.Role, OptionType.Mentionable].includes(type as 3) && typeof value !== 'string') fail('must be a string');
  const choices = Array.isArray(definition?.choices) ? definition.choices.filter(isRecord) : [];
  if (choices.length > 0 && !choices.some((c) => c.value === value)) fail(`must be one of the command's choices (${choices.map((c) => JSON.stringify(c.value)).join(', ')})`);
  if (typeof definition?.min_value === 'number' && typeof value === 'number' && value < definition.min_value) fail(`must be at least ${definition.min_value}`);
  if (typeof definition?.max_value === 'number' && typeof value === 'number' && value > definition.max_value) fail(`must be at most ${definition.max_value}`);
  if (typeof value === 'string' && type === OptionType.String) {
    if (typeof definition?.max_length === 'number' && value.length > definition.max_length) fail(`longer than max_length ${definition.max_length}`);
    if (typeof definition?.min_length === 'number' && value.length < definition.min_length) fail(`shorter than min_length ${definition.min_length}`);
  }
}

export interface BuildOptionsInput {
  state: EmulatorState;
  guildId: string | null;
  channelId: string;
  invokerId: string;
  name: string;
  options: Record<string, OptionInput>;
  subcommand?: string;
  subcommandGroup?: string;
  /** Autocomplete: the option being typed (its value is sent as the raw text). */
  focused?: string;
}

export function buildCommandOptions(input: BuildOptionsInput): CommandShape {
  const { state, name } = input;
  const command = findCommand(state, input.guildId, name);
  let definitions: JsonObject[] | undefined = command ? (command.options ?? []).filter(isRecord) : undefined;
  if (input.subcommandGroup) definitions = childDefinitions(definitions, input.subcommandGroup, OptionType.SubCommandGroup, name);
  if (input.subcommand) definitions = childDefinitions(definitions, input.subcommand, OptionType.SubCommand, name);
  if (definitions?.some((d) => d.type === OptionType.SubCommand || d.type === OptionType.SubCommandGroup)) {
    throw new Error(`discord emulator: /${name} needs a subcommand`);
  }
  const rc: ResolveContext = { state, guildId: input.guildId, channelId: input.channelId, invokerId: input.invokerId, resolved: {} };
  const leaf: JsonObject[] = [];
  for (const [optionName, raw] of Object.entries(input.options)) {
    const definition = definitions?.find((d) => d.name === optionName);
    if (definitions && !definition) throw new Error(`discord emulator: /${name} has no option '${optionName}'`);
    const value = typeof raw === 'object' ? raw.value : raw;
    const type = typeof raw === 'object' ? raw.type : typeof definition?.type === 'number' ? definition.type : inferType(value);
    const focused = input.focused === optionName;
    checkValue(name, optionName, type, value, definition, focused);
    if (!focused && [OptionType.User, OptionType.Channel, OptionType.Role, OptionType.Mentionable].includes(type as 6)) addResolved(rc, type, String(value));
    leaf.push({ name: optionName, type, value: focused ? String(value) : value, ...(focused ? { focused: true } : {}) });
  }
  if (definitions && input.focused === undefined) {
    const missing = definitions.filter((d) => d.required === true && !(String(d.name) in input.options));
    if (missing.length > 0) throw new Error(`discord emulator: /${name} is missing required option(s) ${missing.map((d) => String(d.name)).join(', ')}`);
  }
  if (input.focused !== undefined && !(input.focused in input.options)) throw new Error(`discord emulator: focused option '${input.focused}' has no value`);
  let options = leaf;
  if (input.subcommand) options = [{ name: input.subcommand, type: OptionType.SubCommand, options }];
  if (input.subcommandGroup) options = [{ name: input.subcommandGroup, type: OptionType.SubCommandGroup, options }];
  return { command, options, resolved: rc.resolved };
}
