/** A bare discord.js client logged in to the emulator, for the emulator's own tests. */
import type { Interaction, TextChannel } from 'discord.js';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { DiscordEmulator, DiscordEmulatorOptions } from './discord-emulator';
import { startDiscordEmulator } from './discord-emulator';

export interface Bot {
  emulator: DiscordEmulator;
  client: Client;
}

const open: Bot[] = [];

export async function startBot(options: DiscordEmulatorOptions = {}, intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds]): Promise<Bot> {
  const emulator = await startDiscordEmulator(options);
  const client = new Client({ intents, rest: { api: emulator.apiBase } });
  const bot = { emulator, client };
  open.push(bot);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(emulator.token);
  await ready;
  return bot;
}

/** Keeps a client started by hand, so that closeBots closes it too. */
export function trackBot(bot: Bot): void {
  open.push(bot);
}

/** Closes every bot started since the last call (each test file's afterEach). */
export async function closeBots(): Promise<void> {
  for (const { client, emulator } of open.splice(0)) {
    await client.destroy();
    await emulator.close();
  }
}

export function onInteraction(client: Client, handler: (interaction: Interaction) => Promise<unknown>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    void handler(interaction).catch(() => undefined);
  });
}

export async function textChannel(bot: Bot, guildKey: string, channelKey: string): Promise<TextChannel> {
  const channel = await bot.client.channels.fetch(bot.emulator.guild(guildKey).channel(channelKey).id);
  if (!channel || !channel.isTextBased() || channel.isDMBased()) throw new Error('not a text channel');
  return channel as TextChannel;
}

/** A /deal command definition, as deploy sends it. */
export const dealCommand = {
  name: 'deal',
  description: 'Deals between platforms',
  options: [
    {
      type: 1, name: 'status', description: 'A deal status',
      options: [
        { type: 3, name: 'deal', description: 'Which deal', required: true, autocomplete: true },
        { type: 4, name: 'count', description: 'How many', min_value: 1, max_value: 10 },
      ],
    },
    { type: 1, name: 'list', description: 'Tracked deals', options: [{ type: 7, name: 'channel', description: 'Where' }] },
  ],
};
