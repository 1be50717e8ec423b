import { describe, expect, it } from 'vitest';
import { CliError } from '../../../src-main/cli/cli-error';
import { parseTrainArgs } from '../../../src-main/cli/train-command';

const base = ['--images', 'i', '--labels', 'l', '--out', 'o'];

describe('train arguments', () => {
  it('reads --separation as the instance gap width', () => {
    expect(parseTrainArgs([...base, '--separation', '2']).request.separation).toBe(2);
    expect(parseTrainArgs([...base, '--separation', '1']).request.separation).toBe(1);
    // Left out: the job's default applies.
    expect(parseTrainArgs(base).request.separation).toBeUndefined();
  });

  it('refuses a gap it cannot draw, naming the flag', () => {
    expect(() => parseTrainArgs([...base, '--separation', '3'])).toThrow(CliError);
    expect(() => parseTrainArgs([...base, '--separation', '3'])).toThrow(/separation/);
  });

  it('needs the three folders and one budget', () => {
    expect(() => parseTrainArgs(['--images', 'i'])).toThrow(/--images, --labels and --out/);
    expect(() => parseTrainArgs([...base, '--steps', '5', '--minutes', '1'])).toThrow(/not both/);
    expect(parseTrainArgs(base).request.steps).toBe(1000);
  });
});
