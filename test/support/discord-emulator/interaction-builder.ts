/** Builds realistic INTERACTION_CREATE payloads (slash command, autocomplete, button, select),
 * registers them and delivers them over the gateway. */
import type { JsonObject } from './api-types';
import { isRecord } from './api-types';
import type { EmulatorContext } from './context';
import type { InteractionHandle } from './interaction-handle';
import { createInteractionHandle } from './interaction-handle';
import type { OptionInput } from './interaction-options';
import { buildCommandOptions } from './interaction-options';
import type { InteractionRecord } from './interactions';
import { createInteractionToken } from './interactions';
import { channelPayload, memberPayload } from './payloads';
import { Permission } from './permissions';
import type { GuildRecord } from './state';
import { channelPermissionsOf, guildPermissionsOf, memberKey } from './state';

export interface InteractionTarget {
  /** Default: the first guild. */
  guildId?: string;
  /** Default: the guild's first text channel (for components: the message's channel). */
  channelId?: string;
  /** Default: the guild's member with key 'member', else its first member. */
  userId?: string;
  locale?: string;
}

export interface SlashCommandInput extends InteractionTarget {
  name: string;
  options?: Record<string, OptionInput>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** Name of the option being typed; its value in `options` is the text typed so far. */
  focused: string;
}

export interface ButtonInput extends InteractionTarget {
  customId: string;
  messageId: string;
}

export interface SelectInput extends ButtonInput {
  values: string[];
}

interface Location {
  guild: GuildRecord;
  channelId: string;
  userId: string;
}

function locate(ctx: EmulatorContext, target: InteractionTarget): Location {
  const { state } = ctx;
  const guild = target.guildId ? state.guilds.get(target.guildId) : state.guilds.values().next().value;
  if (!guild) throw new Error(`discord emulator: no guild ${target.guildId ?? '(none defined)'}`);
  const channelId = target.channelId ?? [...state.channels.values()].find((c) => c.guildId === guild.id && c.type === 0)?.id;
  const channel = channelId ? state.channels.get(channelId) : undefined;
  if (!channel || channel.guildId !== guild.id) throw new Error(`discord emulator: no channel ${channelId ?? '(none)'} in guild ${guild.key}`);
  const userId = target.userId ?? guild.memberIds.get('member') ?? [...guild.memberIds.values()].find((id) => id !== state.bot.user.id);
  if (!userId || !state.members.has(memberKey(guild.id, userId))) throw new Error(`discord emulator: ${userId ?? '(none)'} is not a member of guild ${guild.key}`);
  if (!(channelPermissionsOf(state, channel.id, userId) & Permission.ViewChannel)) {
    throw new Error(`discord emulator: member ${userId} cannot see channel ${channel.id}, so could not use an interaction there`);
  }
  return { guild, channelId: channel.id, userId };
}

function basePayload(ctx: EmulatorContext, type: number, at: Location, locale: string | undefined, id: string, token: string): JsonObject {
  const { state } = ctx;
  const channel = state.channels.get(at.channelId);
  if (!channel) throw new Error(`discord emulator: no channel ${at.channelId}`);
  const memberPermissions = channelPermissionsOf(state, at.channelId, at.userId);
  return {
    id, application_id: state.bot.applicationId, type, token, version: 1,
    guild: { id: at.guild.id, locale: at.guild.locale, features: [] },
    guild_id: at.guild.id, channel_id: at.channelId,
    channel: { ...channelPayload(state, channel), permissions: memberPermissions.toString() },
    member: { ...memberPayload(state, at.guild.id, at.userId), permissions: memberPermissions.toString() },
    app_permissions: channelPermissionsOf(state, at.channelId, state.bot.user.id).toString(),
    locale: locale ?? 'en-US', guild_locale: at.guild.locale,
    entitlements: [], authorizing_integration_owners: { '0': at.guild.id }, context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

function hiddenByDefault(ctx: EmulatorContext, guildId: string, userId: string, defaultMemberPermissions: string | null | undefined): boolean {
  if (defaultMemberPermissions === null || defaultMemberPermissions === undefined) return false;
  const held = guildPermissionsOf(ctx.state, guildId, userId);
  const needed = BigInt(defaultMemberPermissions);
  // "0" means: nobody but administrators.
  if (needed === 0n) return (held & Permission.Administrator) === 0n;
  return (held & needed) !== needed;
}

function deliver(ctx: EmulatorContext, record: Omit<InteractionRecord, 'createdAt' | 'callback' | 'rejected' | 'originalMessageId' | 'followupIds' | 'loading' | 'ephemeral' | 'edits'>, hidden = false): InteractionHandle {
  const full: InteractionRecord = {
    ...record, createdAt: ctx.recorder.now(), callback: null, rejected: [], originalMessageId: null, followupIds: [], loading: false, ephemeral: false, edits: 0,
  };
  ctx.interactions.add(full);
  const delivered = ctx.gateway.dispatch('INTERACTION_CREATE', full.payload, { ...(full.guildId ? { guildId: full.guildId } : {}), single: true });
  if (delivered === 0) throw new Error('discord emulator: no gateway session to deliver the interaction to (is the client logged in?)');
  ctx.recorder.touch();
  return createInteractionHandle(ctx, full, hidden);
}

function commandInteraction(ctx: EmulatorContext, input: SlashCommandInput, type: 2 | 4, focused?: string): InteractionHandle {
  const at = locate(ctx, input);
  const shape = buildCommandOptions({
    state: ctx.state, guildId: at.guild.id, channelId: at.channelId, invokerId: at.userId, name: input.name, options: input.options ?? {},
    ...(input.subcommand ? { subcommand: input.subcommand } : {}), ...(input.subcommandGroup ? { subcommandGroup: input.subcommandGroup } : {}),
    ...(focused !== undefined ? { focused } : {}),
  });
  const id = ctx.state.ids.next();
  const token = createInteractionToken(id);
  const data: JsonObject = {
    id: shape.command?.id ?? ctx.state.ids.next(), name: input.name, type: 1, options: shape.options,
    ...(shape.command?.guild_id ? { guild_id: shape.command.guild_id } : {}),
    ...(type === 2 && Object.keys(shape.resolved).length > 0 ? { resolved: shape.resolved } : {}),
  };
  const payload = { ...basePayload(ctx, type, at, input.locale, id, token), data };
  const hidden = hiddenByDefault(ctx, at.guild.id, at.userId, shape.command?.default_member_permissions);
  return deliver(ctx, { id, token, type, guildId: at.guild.id, channelId: at.channelId, userId: at.userId, payload, componentMessageId: null }, hidden);
}

export function sendSlashCommand(ctx: EmulatorContext, input: SlashCommandInput): InteractionHandle {
  return commandInteraction(ctx, input, 2);
}

export function sendAutocomplete(ctx: EmulatorContext, input: AutocompleteInput): InteractionHandle {
  return commandInteraction(ctx, input, 4, input.focused);
}

function findComponent(components: unknown[], customId: string): JsonObject | undefined {
  for (const c of components) {
    if (!isRecord(c)) continue;
    if (c.custom_id === customId) return c;
    const nested: unknown[] = [...(Array.isArray(c.components) ? (c.components as unknown[]) : []), ...(isRecord(c.accessory) ? [c.accessory] : [])];
    const found = findComponent(nested, customId);
    if (found) return found;
  }
  return undefined;
}

function componentInteraction(ctx: EmulatorContext, input: ButtonInput, componentType: number, values?: string[]): InteractionHandle {
  const stored = ctx.state.messages.get(input.messageId);
  if (!stored || stored.deleted) throw new Error(`discord emulator: no message ${input.messageId}`);
  const component = findComponent(stored.message.components, input.customId);
  if (!component) throw new Error(`discord emulator: message ${input.messageId} has no component '${input.customId}' (it may have been edited away)`);
  if (component.disabled === true) throw new Error(`discord emulator: component '${input.customId}' is disabled`);
  if (component.type !== componentType) throw new Error(`discord emulator: component '${input.customId}' is of type ${String(component.type)}, not ${componentType}`);
  const at = locate(ctx, { ...input, channelId: stored.message.channel_id, ...(stored.guildId ? { guildId: stored.guildId } : {}) });
  const id = ctx.state.ids.next();
  const token = createInteractionToken(id);
  const data: JsonObject = { custom_id: input.customId, component_type: componentType, ...(values ? { values } : {}) };
  const payload = { ...basePayload(ctx, 3, at, input.locale, id, token), data, message: structuredClone(stored.message) };
  return deliver(ctx, { id, token, type: 3, guildId: at.guild.id, channelId: at.channelId, userId: at.userId, payload, componentMessageId: stored.message.id });
}

export function sendButton(ctx: EmulatorContext, input: ButtonInput): InteractionHandle {
  return componentInteraction(ctx, input, 2);
}

export function sendStringSelect(ctx: EmulatorContext, input: SelectInput): InteractionHandle {
  return componentInteraction(ctx, input, 3, input.values);
}
