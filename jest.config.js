/**
 * Unit tests are pure and fast; integration tests share one real Neo4j, started by their
 * global set-up. Chaos tests kill and restart a Neo4j of their own and take a minute or
 * two, so they run only when asked for (npm run test:chaos, and in CI).
 */
const transform = { '^.+\\.ts$': 'ts-jest' };

const projects = [
  {
    displayName: 'unit',
    testEnvironment: 'node',
    transform,
    testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
  },
  {
    displayName: 'integration',
    testEnvironment: 'node',
    transform,
    testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
    globalSetup: '<rootDir>/test/integration/globalSetup.ts',
    globalTeardown: '<rootDir>/test/integration/globalTeardown.ts',
  },
];

if (process.env.RINGSIGHT_CHAOS === '1') {
  projects.push({ displayName: 'chaos', testEnvironment: 'node', transform, testMatch: ['<rootDir>/test/chaos/**/*.test.ts'] });
}

module.exports = { projects };
