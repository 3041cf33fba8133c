import { describe, expect, it } from 'vitest';
import { decideEngineStart } from './engine-start-decision';

describe('decideEngineStart', () => {
  it('starts the engine wherever the chosen database exists', () => {
    expect(decideEngineStart('linux', 'embedded')).toEqual({ kind: 'start' });
    expect(decideEngineStart('darwin', 'embedded')).toEqual({ kind: 'start' });
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(decideEngineStart(platform, 'server')).toEqual({ kind: 'start' });
    }
  });

  it('on Windows with the embedded database, asks for a server instead of starting an engine that must fail', () => {
    const decision = decideEngineStart('win32', 'embedded');
    expect(decision.kind).toBe('needs-server');
    if (decision.kind !== 'needs-server') return;
    expect(decision.message).toMatch(/not available on Windows/);
    expect(decision.message).toMatch(/Settings › On a ClickHouse server/);
    expect(decision.message).toMatch(/docker compose up -d/);
  });
});
