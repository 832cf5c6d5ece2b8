import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord.js';

/** ◀ Previous / Next ▶ under a paged reply; `customId(page)` carries what the other page needs. */
export function pagingRow(page: number, pages: number, customId: (page: number) => string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: '◀ Previous', custom_id: customId(Math.max(0, page - 1)), disabled: page <= 0 },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next ▶', custom_id: customId(Math.min(pages - 1, page + 1)), disabled: page >= pages - 1 },
    ],
  };
}
