import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const depcruise = fileURLToPath(new URL('../../node_modules/.bin/depcruise', import.meta.url));

/** Runs the project's rules on a folder; resolves with the exit code and what was printed. */
async function cruise(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(depcruise, ['src', '--config', `${root}.dependency-cruiser.cjs`, '--output-type', 'err'], { cwd });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('dependency rules (npm pretest)', () => {
  it('fail on a new import cycle and name the modules in it', async () => {
    const result = await cruise(fileURLToPath(new URL('fixtures/cycle', import.meta.url)));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('no-circular');
    expect(result.output).toMatch(/src\/alpha\/index\.ts/);
  });

  it('pass a tree without a cycle', async () => {
    const result = await cruise(fileURLToPath(new URL('fixtures/clean', import.meta.url)));
    expect(result).toMatchObject({ code: 0 });
  });
});
