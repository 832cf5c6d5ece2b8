/** The JSON shapes the emulator sends, as Discord documents them (only the fields it fills). */

export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ApiUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  system?: boolean;
  public_flags: number;
  flags?: number;
}

export interface ApiRole {
  id: string;
  name: string;
  color: number;
  colors: { primary_color: number; secondary_color: number | null; tertiary_color: number | null };
  hoist: boolean;
  icon: string | null;
  unicode_emoji: string | null;
  position: number;
  permissions: string;
  managed: boolean;
  mentionable: boolean;
  flags: number;
  tags?: { bot_id?: string };
}

export interface ApiOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

export interface ApiThreadMetadata {
  archived: boolean;
  auto_archive_duration: number;
  archive_timestamp: string;
  locked: boolean;
  create_timestamp: string;
}

export interface ApiChannel {
  id: string;
  type: number;
  guild_id?: string;
  name?: string;
  position?: number;
  permission_overwrites?: ApiOverwrite[];
  parent_id?: string | null;
  topic?: string | null;
  nsfw?: boolean;
  last_message_id: string | null;
  rate_limit_per_user?: number;
  flags: number;
  recipients?: ApiUser[];
  owner_id?: string;
  thread_metadata?: ApiThreadMetadata;
  message_count?: number;
  member_count?: number;
  total_message_sent?: number;
  /** Only in interaction payloads: the invoking member's permissions in the channel. */
  permissions?: string;
}

export interface ApiMember {
  user?: ApiUser;
  nick: string | null;
  avatar: string | null;
  banner: string | null;
  roles: string[];
  joined_at: string;
  premium_since: string | null;
  deaf: boolean;
  mute: boolean;
  flags: number;
  pending: boolean;
  communication_disabled_until: string | null;
  /** Only in interaction payloads. */
  permissions?: string;
}

export interface ApiAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  description?: string;
}

export interface ApiMessage {
  id: string;
  type: number;
  channel_id: string;
  author: ApiUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: ApiUser[];
  mention_roles: string[];
  attachments: ApiAttachment[];
  embeds: JsonObject[];
  components: JsonObject[];
  pinned: boolean;
  flags: number;
  nonce?: string | number;
  webhook_id?: string;
  application_id?: string;
  interaction_metadata?: JsonObject;
  message_reference?: JsonObject;
  thread?: ApiChannel;
  position?: number;
}

export interface ApiApplicationCommand {
  id: string;
  application_id: string;
  version: string;
  type: number;
  name: string;
  description: string;
  guild_id?: string;
  default_member_permissions: string | null;
  dm_permission?: boolean;
  nsfw: boolean;
  options?: JsonObject[];
  contexts: number[] | null;
  integration_types: number[];
  name_localizations?: JsonObject | null;
  description_localizations?: JsonObject | null;
}
