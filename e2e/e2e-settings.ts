import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlantedLibrary } from '../electron/engine/testing/library-fixture';

// Overridable so that two checkouts on one machine can run the journeys side by side.
export const E2E_PORT = Number(process.env.DOPPEL_E2E_PORT ?? 4987);
export const E2E_TOKEN = 'e2e0123456789abcdef0123456789abc';
export const E2E_WORK = join(tmpdir(), 'doppel-e2e');
export const fixtureFile = join(E2E_WORK, 'fixture.json');

export interface E2eFixture {
  library: PlantedLibrary;
  burst: string[];
  query: string;
  trash: string;
}

export function readFixture(): E2eFixture {
  return JSON.parse(readFileSync(fixtureFile, 'utf8')) as E2eFixture;
}
