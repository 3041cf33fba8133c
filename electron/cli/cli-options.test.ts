import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS, GLOBAL_OPTIONS, parseInvocation, USAGE } from './cli-options';

describe('parseInvocation: duplicates kinds', () => {
  it('lists every kind but plain RAW+JPEG pairs unless --kind asks', () => {
    expect(parseInvocation(['duplicates'], {}).kinds).toEqual(['identical', 'same-picture', 'similar']);
    expect(parseInvocation(['duplicates', '--kind', 'raw+jpeg'], {}).kinds).toEqual(['raw+jpeg']);
    expect(parseInvocation(['status'], {}).kinds).toBeUndefined();
  });

  it('documents every kind in the usage text', () => {
    for (const kind of ['identical', 'raw+jpeg', 'same-picture', 'similar']) expect(USAGE).toContain(kind);
  });
});

describe('usage and README', () => {
  it('name every option the parser accepts', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const option of Object.keys({ ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS })) {
      expect(USAGE, `--${option} in USAGE`).toContain(`--${option}`);
      expect(readme, `--${option} in README.md`).toContain(`--${option}`);
    }
  });
});

describe('parseInvocation: where the model comes from', () => {
  it('tells --model from DOPPEL_MODEL, and the flag wins', () => {
    expect(parseInvocation(['status', '--model', '/m'], {})).toMatchObject({
      model: '/m',
      modelOrigin: 'command-line',
    });
    expect(parseInvocation(['status'], { DOPPEL_MODEL: '/e' })).toMatchObject({
      model: '/e',
      modelOrigin: 'environment',
    });
    expect(parseInvocation(['status', '--model', '/m'], { DOPPEL_MODEL: '/e' }).modelOrigin).toBe(
      'command-line',
    );
    expect(parseInvocation(['status'], {})).toMatchObject({ model: undefined, modelOrigin: undefined });
  });
});
