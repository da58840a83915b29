import { readFileSync } from 'node:fs';

/** Read a generated oracle file from test/fixtures/metrics/. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/metrics/${name}`, import.meta.url), 'utf8')) as T;
}
