// ESM + TypeScript through @swc/jest; type checking is `npm run typecheck` (tsc --noEmit).
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript' },
          target: 'es2022',
          experimental: { keepImportAttributes: true },
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  // Two workers on CI's two cores: most suites wait on child processes (bundles under Node 24, registries,
  // podman), so jest's default of cores - 1 leaves a core idle.
  maxWorkers: 2,
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/helpers/temp-setup.mjs',
  globalTeardown: '<rootDir>/test/helpers/temp-teardown.mjs',
  reporters: ['default', '<rootDir>/test/helpers/closing-line-reporter.cjs'],
};
