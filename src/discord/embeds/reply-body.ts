import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

/**
 * What a command answers, as plain data: built by the pure functions of this folder, sent by the
 * command (which adds the ephemeral flag and the restricted allowed mentions).
 */
export interface ReplyBody {
  content?: string;
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIButtonComponent>[];
}

/** Crossover's own colour, for replies that are not about one deal status. */
export const BRAND_COLOR = 0x5865f2;
export const WARNING_COLOR = 0xe67e22;
