import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../src/discord/command';
import { UserFacingError } from '../../src/discord/user-facing-error';
import type { BotHarness } from '../support/bot-harness';
import { startBotHarness } from '../support/bot-harness';

/** Commands made for the test: what the router does around them is under test. */
const seen: { deferred: boolean }[] = [];
const probe: Command = {
  data: new SlashCommandBuilder().setName('probe').setDescription('Records how it was called').toJSON(),
  adminOnly: false,
  async execute(interaction) {
    seen.push({ deferred: interaction.deferred });
    if (interaction.deferred) await interaction.editReply({ content: 'answered after a deferral' });
    else await interaction.reply({ content: 'answered at once' });
  },
};
const failing: Command = {
  data: new SlashCommandBuilder()
    .setName('failing')
    .setDescription('Throws')
    .addStringOption((o) => o.setName('kind').setDescription('Which error').setRequired(true))
    .toJSON(),
  adminOnly: false,
  async execute(interaction) {
    if (interaction.options.getString('kind') === 'user') throw new UserFacingError('That deal is not tracked.');
    throw new Error('database exploded: SECRET-DETAIL');
  },
};

describe('interaction router', () => {
  let warming = false;
  let bot: BotHarness;
  beforeAll(async () => {
    bot = await startBotHarness({ commands: [probe, failing], warmingUp: () => warming });
  });
  afterAll(() => bot.close());

  it('answers at once when warm, and defers privately while the deal index is still loading', async () => {
    warming = false;
    expect((await bot.emulator.sendSlashCommand({ name: 'probe' }).reply()).content).toBe('answered at once');
    warming = true;
    const handle = bot.emulator.sendSlashCommand({ name: 'probe' });
    const response = await handle.response();
    expect(response.type).toBe(5);
    expect((response.data as { flags?: number } | undefined)?.flags).toBe(MessageFlags.Ephemeral);
    expect((await handle.reply()).content).toBe('answered after a deferral');
    expect(seen.map((s) => s.deferred)).toEqual([false, true]);
    warming = false;
  });

  it('shows a user-facing error as it is, and anything else as a generic message without details', async () => {
    const user = await bot.emulator.sendSlashCommand({ name: 'failing', options: { kind: 'user' } }).response();
    expect(user.data).toMatchObject({ content: '⚠️ That deal is not tracked.', flags: MessageFlags.Ephemeral });
    const other = await bot.emulator.sendSlashCommand({ name: 'failing', options: { kind: 'bug' } }).response();
    expect(JSON.stringify(other.data)).not.toContain('SECRET-DETAIL');
    expect(other.data).toMatchObject({ content: expect.stringMatching(/Something went wrong/), flags: MessageFlags.Ephemeral });
    bot.emulator.assertNoViolations();
  });
});
