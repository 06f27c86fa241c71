import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const COMMANDS = [
  [],
  ['start'],
  ['worker'],
  ['db'],
  ['db', 'migrate'],
  ['sources'],
  ['sources', 'add'],
  ['sources', 'list'],
  ['sources', 'show'],
  ['sources', 'test'],
  ['sources', 'pause'],
  ['sources', 'resume'],
  ['sources', 'remove'],
  ['collect'],
  ['parse'],
];

describe('vaksam --help', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(root)', c]))('documents %s', async (_, command) => {
    const run = await cli([...command, '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: vaksam/m);
    expect(run.stdout.length).toBeGreaterThan(80);
  });

  it('exits 2 on an unknown command, pointing to --help', async () => {
    const run = await cli(['frobnicate'], {});
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('names the known queues when worker gets an unknown one', async () => {
    const run = await cli(['worker', '--queues', 'collect,bogus'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown queue 'bogus'; known queues: collect, classify, maintenance/);
  });

  it('fails before opening anything when the config is invalid', async () => {
    const run = await cli(['db', 'migrate'], { VAKSAM_COLLECT__CONCURRENCY: 'lots' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/collect\.concurrency/);
    expect(run.stderr).toContain('CONFIG_INVALID');
  });
});
