/** The emulator's limit checks, at the boundaries Discord documents. */
import { checkCommand, checkCommandList } from './discord-emulator/command-limits';
import { toErrorTree } from './discord-emulator/discord-error';
import { checkAutocompleteResult, checkMessageBody } from './discord-emulator/message-limits';

const codes = (problems: { path: (string | number)[]; code: string }[]) => problems.map((p) => `${p.path.join('.')}:${p.code}`);
const s = (n: number, ch = 'a') => ch.repeat(n);

describe('message limits', () => {
  test.each([
    ['content', { content: s(2000) }, { content: s(2001) }, 'content:BASE_TYPE_MAX_LENGTH'],
    ['embed count', { embeds: Array.from({ length: 10 }, () => ({ title: 't' })) }, { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, 'embeds:BASE_TYPE_MAX_LENGTH'],
    ['title', { embeds: [{ title: s(256) }] }, { embeds: [{ title: s(257) }] }, 'embeds.0.title:BASE_TYPE_MAX_LENGTH'],
    ['description', { embeds: [{ description: s(4096) }] }, { embeds: [{ description: s(4097) }] }, 'embeds.0.description:BASE_TYPE_MAX_LENGTH'],
    ['field count', { embeds: [{ fields: Array.from({ length: 25 }, () => ({ name: 'n', value: 'v' })) }] }, { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }, 'embeds.0.fields:BASE_TYPE_MAX_LENGTH'],
    ['field name', { embeds: [{ fields: [{ name: s(256), value: 'v' }] }] }, { embeds: [{ fields: [{ name: s(257), value: 'v' }] }] }, 'embeds.0.fields.0.name:BASE_TYPE_BAD_LENGTH'],
    ['field value', { embeds: [{ fields: [{ name: 'n', value: s(1024) }] }] }, { embeds: [{ fields: [{ name: 'n', value: s(1025) }] }] }, 'embeds.0.fields.0.value:BASE_TYPE_BAD_LENGTH'],
    ['blank field value', { embeds: [{ fields: [{ name: 'n', value: '.' }] }] }, { embeds: [{ fields: [{ name: 'n', value: '  ' }] }] }, 'embeds.0.fields.0.value:BASE_TYPE_REQUIRED'],
    ['footer', { embeds: [{ footer: { text: s(2048) } }] }, { embeds: [{ footer: { text: s(2049) } }] }, 'embeds.0.footer.text:BASE_TYPE_BAD_LENGTH'],
    ['author', { embeds: [{ author: { name: s(256) } }] }, { embeds: [{ author: { name: s(257) } }] }, 'embeds.0.author.name:BASE_TYPE_BAD_LENGTH'],
    ['embed total', { embeds: [{ title: s(200), description: s(4000) }, { description: s(1800) }] }, { embeds: [{ title: s(200), description: s(4000) }, { description: s(1801) }] }, 'embeds:MAX_EMBED_SIZE_EXCEEDED'],
    ['embed url', { embeds: [{ url: 'https://example.org/a' }] }, { embeds: [{ url: 'example.org/a' }] }, 'embeds.0.url:URL_TYPE_INVALID_URL'],
    ['nonce', { content: 'x', nonce: s(25) }, { content: 'x', nonce: s(26) }, 'nonce:BASE_TYPE_MAX_LENGTH'],
  ])('%s: at the limit passes, one over fails', (_name, ok, over, expected) => {
    expect(checkMessageBody(ok)).toEqual([]);
    expect(codes(checkMessageBody(over))).toContain(expected);
  });

  test('lengths count code points: 2000 emoji are 2000 characters', () => {
    expect(checkMessageBody({ content: s(2000, '🎵') })).toEqual([]);
    expect(codes(checkMessageBody({ content: s(2001, '🎵') }))).toEqual(['content:BASE_TYPE_MAX_LENGTH']);
  });

  test('components: at most 5 rows of at most 5 buttons, custom_id 100, label 80, ids unique', () => {
    const button = (id: string, label = 'Next') => ({ type: 2, style: 1, custom_id: id, label });
    const row = (prefix: string, n = 5) => ({ type: 1, components: Array.from({ length: n }, (_, i) => button(`${prefix}${i}`)) });
    expect(checkMessageBody({ components: ['a', 'b', 'c', 'd', 'e'].map((p) => row(p)) })).toEqual([]);
    expect(codes(checkMessageBody({ components: ['a', 'b', 'c', 'd', 'e', 'f'].map((p) => row(p)) }))).toContain('components:BASE_TYPE_MAX_LENGTH');
    expect(codes(checkMessageBody({ components: [row('a', 6)] }))).toContain('components.0.components:BASE_TYPE_BAD_LENGTH');
    expect(codes(checkMessageBody({ components: [{ type: 1, components: [button(s(101))] }] }))).toContain('components.0.components.0.custom_id:BASE_TYPE_BAD_LENGTH');
    expect(codes(checkMessageBody({ components: [{ type: 1, components: [button('x', s(81))] }] }))).toContain('components.0.components.0.label:BASE_TYPE_MAX_LENGTH');
    expect(codes(checkMessageBody({ components: [{ type: 1, components: [button('x'), button('x')] }] }))).toContain('components.0.components.1.custom_id:COMPONENT_CUSTOM_ID_DUPLICATED');
    expect(codes(checkMessageBody({ components: [button('x')] }))).toContain('components.0.type:UNION_TYPE_CHOICES');
  });

  test('allowed_mentions: parse users and a users list are mutually exclusive', () => {
    expect(checkMessageBody({ content: 'x', allowed_mentions: { parse: [], roles: ['123456789012345678'] } })).toEqual([]);
    expect(codes(checkMessageBody({ content: 'x', allowed_mentions: { parse: ['users'], users: ['123456789012345678'] } }))).toEqual(['allowed_mentions.users:ALLOWED_MENTIONS_PARSE_EXCLUSIVE']);
  });

  test('the ephemeral flag is only for interaction responses', () => {
    expect(codes(checkMessageBody({ content: 'x', flags: 64 }))).toEqual(['flags:MESSAGE_FLAGS_INVALID']);
    expect(checkMessageBody({ content: 'x', flags: 64 }, { allowEphemeral: true })).toEqual([]);
  });

  test('problems nest into Discord\'s error tree', () => {
    expect(toErrorTree(checkMessageBody({ embeds: [{ title: s(257) }] }))).toEqual({
      embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } } },
    });
  });
});

describe('command limits', () => {
  const option = (name: string, extra: Record<string, unknown> = {}) => ({ type: 3, name, description: 'An option', ...extra });

  test('a valid command with subcommands passes', () => {
    expect(checkCommand({
      name: 'deal', description: 'Deals', default_member_permissions: '32',
      options: [{ type: 1, name: 'status', description: 'Status', options: [option('deal', { required: true, autocomplete: true }), option('party')] }],
    })).toEqual([]);
  });

  test.each([
    ['uppercase name', { name: 'Deal', description: 'd' }, 'name:APPLICATION_COMMAND_INVALID_NAME'],
    ['name too long', { name: s(33), description: 'd' }, 'name:BASE_TYPE_BAD_LENGTH'],
    ['space in name', { name: 'deal status', description: 'd' }, 'name:APPLICATION_COMMAND_INVALID_NAME'],
    ['empty description', { name: 'deal', description: '' }, 'description:BASE_TYPE_BAD_LENGTH'],
    ['description too long', { name: 'deal', description: s(101) }, 'description:BASE_TYPE_BAD_LENGTH'],
    ['26 options', { name: 'deal', description: 'd', options: Array.from({ length: 26 }, (_, i) => option(`o${i}`)) }, 'options:BASE_TYPE_MAX_LENGTH'],
    ['26 choices', { name: 'deal', description: 'd', options: [option('o', { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) })] }, 'options.0.choices:BASE_TYPE_MAX_LENGTH'],
    ['choice name too long', { name: 'deal', description: 'd', options: [option('o', { choices: [{ name: s(101), value: 'v' }] })] }, 'options.0.choices.0.name:BASE_TYPE_BAD_LENGTH'],
    ['option description too long', { name: 'deal', description: 'd', options: [option('o', { description: s(101) })] }, 'options.0.description:BASE_TYPE_BAD_LENGTH'],
    ['uppercase option name', { name: 'deal', description: 'd', options: [option('Party')] }, 'options.0.name:APPLICATION_COMMAND_INVALID_NAME'],
    ['required after optional', { name: 'deal', description: 'd', options: [option('a'), option('b', { required: true })] }, 'options.1.required:APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID'],
    ['autocomplete with choices', { name: 'deal', description: 'd', options: [option('a', { autocomplete: true, choices: [{ name: 'x', value: 'x' }] })] }, 'options.0.autocomplete:APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES'],
  ])('%s is refused', (_name, command, expected) => {
    expect(codes(checkCommand(command))).toContain(expected);
  });

  test('at the limits passes: 32-character name, 100-character description, 25 options and choices', () => {
    expect(checkCommand({
      name: s(32), description: s(100),
      options: [option('o', { choices: Array.from({ length: 25 }, (_, i) => ({ name: s(100), value: `c${i}` })) }), ...Array.from({ length: 24 }, (_, i) => option(`p${i}`))],
    })).toEqual([]);
  });

  test('a bulk overwrite refuses duplicate names', () => {
    expect(codes(checkCommandList([{ name: 'help', description: 'h' }, { name: 'help', description: 'h' }]))).toEqual(['1.name:APPLICATION_COMMANDS_DUPLICATE_NAME']);
  });
});

describe('autocomplete limits', () => {
  test('at most 25 choices, names 1 to 100', () => {
    const choices = (n: number, name = 'x') => Array.from({ length: n }, (_, i) => ({ name, value: `v${i}` }));
    expect(checkAutocompleteResult({ choices: choices(25, s(100)) })).toEqual([]);
    expect(codes(checkAutocompleteResult({ choices: choices(26) }))).toEqual(['data.choices:BASE_TYPE_MAX_LENGTH']);
    expect(codes(checkAutocompleteResult({ choices: choices(1, s(101)) }))).toEqual(['data.choices.0.name:BASE_TYPE_BAD_LENGTH']);
    expect(codes(checkAutocompleteResult({ choices: choices(1, '') }))).toEqual(['data.choices.0.name:BASE_TYPE_BAD_LENGTH']);
  });
});
