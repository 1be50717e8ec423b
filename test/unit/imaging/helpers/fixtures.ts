// The committed fixtures and their manifest (written by make_fixtures.py).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FixtureEntry } from './pattern';

export const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/imaging');

export function fixturePath(name: string): string {
  return resolve(FIXTURES, name);
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(name)));
}

export function manifest(): FixtureEntry[] {
  return JSON.parse(readFileSync(fixturePath('manifest.json'), 'utf8')) as FixtureEntry[];
}
