import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CastMember, ScriptAnalysis } from './types.ts';

/**
 * Test helpers: where the fixtures are, and how to find a character. The
 * shared fixtures live beside the repository (../shared/fixtures/scripts);
 * this module's own scripts live in ./fixtures.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedFixtures = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'scripts');

export function sharedFixture(name: string): string {
  return readFileSync(path.join(sharedFixtures, name), 'utf8');
}

export function ownFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

/** The cast member called `name`, by canonical name or alias, case-insensitive. */
export function castNamed(analysis: ScriptAnalysis, name: string): CastMember | undefined {
  const wanted = name.toLowerCase();
  return analysis.cast.find(
    (c) => c.name.toLowerCase() === wanted || c.aliases.some((a) => a.toLowerCase() === wanted),
  );
}

export function castName(analysis: ScriptAnalysis, id: string | null): string | null {
  return analysis.cast.find((c) => c.id === id)?.name ?? null;
}
