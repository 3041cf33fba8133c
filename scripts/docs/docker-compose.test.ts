import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/**
 * 25.8 LTS: the first release with ClickHouse's vector search generally available, which the scale work
 * builds on (the store alone accepts 24.8, see store/database.ts).
 */
const OLDEST_SERVER = [25, 8];

describe('docker-compose.yml', () => {
  it('pins a ClickHouse server image of 25.8 or later, never a moving tag', () => {
    const tag = /image:\s*clickhouse\/clickhouse-server:(\S+)/.exec(compose)?.[1];
    expect(tag).toMatch(/^\d+\.\d+(\.\d+)*$/);
    const [major, minor] = tag!.split('.').map(Number) as [number, number];
    expect(major * 100 + minor).toBeGreaterThanOrEqual(OLDEST_SERVER[0]! * 100 + OLDEST_SERVER[1]!);
  });

  it('publishes the HTTP port the README gives, on loopback only', () => {
    const published = /-\s*'?(?:(\d+\.\d+\.\d+\.\d+):)?(\d+):8123'?/.exec(compose);
    expect(published?.[1]).toBe('127.0.0.1');
    const readmeUrl = /docker compose up -d\n.*--clickhouse-url http:\/\/localhost:(\d+)/.exec(readme);
    expect(readmeUrl?.[1]).toBe(published?.[2]);
  });

  it('sets the password the README passes', () => {
    const password = /CLICKHOUSE_PASSWORD:\s*(\S+)/.exec(compose)?.[1];
    expect(readme).toContain(`--clickhouse-password ${password}`);
  });
});
