import type { Database } from './database';

/** Bits of the sha256 kept per photo: 64 bits make a false "maybe" vanishingly rare, at 8 bytes a photo. */
const PREFIX_HEX = 16;

/**
 * Which contents the library already holds, loaded once per indexing run, so the lookup for a moved or
 * copied file is a memory probe instead of a table scan per photo (the photos table is ordered by path).
 * A "maybe" is confirmed by the full lookup; a "no" is final.
 */
export class ContentIndex {
  private constructor(private readonly prefixes: Set<bigint>) {}

  static async load(db: Database): Promise<ContentIndex> {
    const result = await db.client.query({
      query: `SELECT DISTINCT substring(hash, 1, ${PREFIX_HEX}) AS prefix FROM ${db.name}.photos FINAL`,
      format: 'JSONCompactEachRow',
    });
    const prefixes = new Set<bigint>();
    for await (const rows of result.stream()) {
      for (const row of rows as { json<T>(): T }[]) prefixes.add(BigInt(`0x${row.json<[string]>()[0]}`));
    }
    return new ContentIndex(prefixes);
  }

  /** Note a content this run is adding, so a second copy later in the run is looked up too. */
  remember(hash: string): void {
    this.prefixes.add(BigInt(`0x${hash.slice(0, PREFIX_HEX)}`));
  }

  mayContain(hash: string): boolean {
    return this.prefixes.has(BigInt(`0x${hash.slice(0, PREFIX_HEX)}`));
  }
}
