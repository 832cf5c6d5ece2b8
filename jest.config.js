/** Tests run TypeScript through ts-jest in transpile-only mode (isolatedModules);
 * `npm run typecheck` does the type checking once for the whole project. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 30000,
  maxWorkers: 2,
};
