// Vitest global setup: builds what is stale (workers, CLI, simulator, renderer) once, so a test run alone sees fresh bundles.
import { execFileSync } from 'node:child_process';

export function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
}
