// Two projects: `unit` (pure rules and services, no I/O) and `e2e` (real PostgreSQL and Redis, each run in its own
// database). SWC transpiles TypeScript for speed; `npm run typecheck` does the type checking.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
// Packages that ship only ES modules, or load them with import() (mercurius loads quick-lru so): Node 20.19+ copes,
// jest's CommonJS runtime does not, so SWC compiles them to CommonJS for tests (@fastify/cookie import()s cookie).
const esmOnly = ['content-disposition', 'quick-lru', 'mercurius', '@fastify/cookie', 'cookie'];
const common = {
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: { '^@resettle/(.*)$': '<rootDir>/libs/$1/src' },
  testEnvironment: 'node',
};
module.exports = {
  // Test databases are dropped together at the end, not one by one (test/support/deferred-drops.js says why).
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
  // e2e suites boot the real api against PostgreSQL and Redis; unit tests finish far inside this.
  testTimeout: 60000,
  // A fresh process for every test file (a worker is recycled once it holds more than this, which is always): a
  // socket or timer one e2e file leaks (its apps killed mid-fault, a Redis that was restarted) can otherwise throw
  // into whichever file that process runs next, and fail a test that did nothing wrong. The unit suites leak nothing
  // and load in a fraction of the time when a worker is kept, so `npm run test:unit` (first in `npm test`) runs them in
  // their own jest with the limit raised: a quarter of the CPU (30 s instead of 122 s for 105 suites).
  workerIdleMemoryLimit: '1MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      // tools/: the ESLint rules' table tests.
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
        '<rootDir>/tools/**/*.spec.js',
      ],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
