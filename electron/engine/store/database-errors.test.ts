import { ClickHouseError } from '@clickhouse/client';
import { expect, it } from 'vitest';
import { describeLostDatabase } from './database-errors';

const server = {
  kind: 'server' as const,
  server: { url: 'http://db.local:8123', user: 'default', password: '', database: 'doppel' },
};
const embedded = { kind: 'embedded' as const, path: '/data/clickhouse' };

it('names a server that went away, a full disk, and leaves every other error alone', () => {
  const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  expect(describeLostDatabase(reset, server)).toMatch(
    /^Cannot reach the ClickHouse server at http:\/\/db\.local:8123: is it running\?.*What was stored is kept/,
  );
  const full = new ClickHouseError({
    message: 'Cannot reserve 1.00 MiB, not enough space',
    code: '243',
    type: 'NOT_ENOUGH_SPACE',
  });
  expect(describeLostDatabase(full, embedded)).toMatch(/^The disk holding Doppel's data folder is full/);
  expect(describeLostDatabase(full, server)).toMatch(
    /^The ClickHouse server at http:\/\/db\.local:8123 has run out/,
  );
  // A server that answered, even with words that look like a lost connection, is not reworded.
  const answered = new ClickHouseError({
    message: 'Timeout error in a UDF',
    code: '159',
    type: 'TIMEOUT_EXCEEDED',
  });
  expect(describeLostDatabase(answered, server)).toBeNull();
  expect(describeLostDatabase(new Error('Unknown table'), embedded)).toBeNull();
});
