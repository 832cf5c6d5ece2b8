import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The core: no Discord, no environment (ARCHITECTURE.md, rules of the house). */
const CORE = ['src/feeds/**', 'src/news/**', 'src/deals/**', 'src/posts/**', 'src/store/**'];
const NO_DISCORD = [
  { group: ['discord.js', '@discordjs/*'], message: 'The core never knows Discord: that is src/discord and commands/.' },
  { group: ['**/discord', '**/discord/**', '**/commands', '**/commands/**'], message: 'The core never imports the Discord side.' },
];
const NO_ENV = { object: 'process', property: 'env', message: 'Read configuration in src/config.ts only.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      // Rejecting with an abort signal's reason (an Error here, typed any by the DOM) is what fetch does too.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // An async function without await still turns a throw into a rejection; removing `async` would not.
      '@typescript-eslint/require-await': 'off',
      // A value import that closes a loop of modules; `import type` is erased and never loops at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'max-lines': ['error', { max: 300 }],
      'no-console': 'off',
    },
  },
  {
    // Jest's asymmetric matchers (expect.any, expect.stringMatching …) and JSON.parse in assertions are `any` by design.
    files: ['test/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The emulator answers as Discord does, echoing whatever the bot sent in its error messages.
    files: ['test/support/discord-emulator/**'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    files: CORE,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: NO_DISCORD }],
      'no-restricted-properties': ['error', NO_ENV],
    },
  },
  {
    // The deal service declares the storage it needs (deals/service/deal-namespaces.ts); src/store implements it.
    files: ['src/deals/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...NO_DISCORD, { group: ['**/store', '**/store/**'], message: 'src/deals declares its storage port; src/store implements it, never the reverse.' }] },
      ],
    },
  },
  {
    // The store implements the ports its users declare: it may name their types, never run their code.
    files: ['src/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NO_DISCORD,
            {
              group: ['**/feeds', '**/feeds/**', '**/news', '**/news/**', '**/deals', '**/deals/**', '**/posts', '**/posts/**'],
              allowTypeImports: true,
              message: 'src/store implements ports; it imports domain code only as types (`import type`).',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain JavaScript config files: outside the TypeScript project, so no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
