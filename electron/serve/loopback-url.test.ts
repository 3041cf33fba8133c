import { describe, expect, it } from 'vitest';
import { loopbackUrlOf } from './loopback-url';

describe('loopbackUrlOf', () => {
  it('reaches a server on loopback or on every address through loopback', () => {
    expect(loopbackUrlOf('127.0.0.1', 4870)).toBe('http://127.0.0.1:4870');
    expect(loopbackUrlOf('127.0.0.2', 4870)).toBe('http://127.0.0.2:4870');
    expect(loopbackUrlOf('::ffff:127.0.0.1', 4870)).toBe('http://127.0.0.1:4870');
    expect(loopbackUrlOf('::1', 4870)).toBe('http://[::1]:4870');
    expect(loopbackUrlOf('0.0.0.0', 4870)).toBe('http://127.0.0.1:4870');
    expect(loopbackUrlOf('::', 4870)).toBe('http://[::1]:4870');
  });

  it('has none for a server on one other address, which loopback does not reach', () => {
    for (const address of ['192.168.1.20', '10.0.0.5', 'fe80::1', '::ffff:192.168.1.20'])
      expect(loopbackUrlOf(address, 4870), address).toBeNull();
  });
});
