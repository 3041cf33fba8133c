import type { MachineIdentity } from '../platform/machine-identity';
import type { Database } from './database';
import { MachineScope } from './machine-scope';
import { nextVersion } from './photo-rows';

interface MachineRow {
  id: string;
  name: string;
  first_seen: string;
}

/** The row by which a computer claimed the plain keys: written once, by the first computer to register. */
const HOME_CLAIM = 'home:';

/**
 * The computers writing to this index (`machines`: id, name, when the database first saw it), and which of
 * them owns the plain keys (the rows written before computers were told apart). That one is decided once,
 * by a claim row the first computer to register writes, stamped by the database's own clock: a computer
 * that finds a claim never writes another, so a server clock set back later cannot hand the plain keys to
 * a newer computer. Two computers registering at the very same moment both claim, then both read after
 * their own insert, and the earlier claim (then the smaller id) wins for both.
 */
export async function registerMachine(db: Database, me: MachineIdentity): Promise<MachineScope> {
  let rows = await machineRows(db);
  const mine = rows.find((row) => row.id === me.id);
  if (!mine || mine.name !== me.name) {
    // A rename keeps the first sighting.
    await insertRow(db, me.id, me.name, mine?.first_seen ?? null);
  }
  if (!rows.some((row) => row.id.startsWith(HOME_CLAIM))) await insertRow(db, HOME_CLAIM + me.id, '', null);
  rows = await machineRows(db);
  const claim = rows.find((row) => row.id.startsWith(HOME_CLAIM));
  const home = claim ? claim.id.slice(HOME_CLAIM.length) : me.id;
  return MachineScope.of(me.id, home, namesOf(rows), async () => namesOf(await machineRows(db)));
}

async function insertRow(db: Database, id: string, name: string, firstSeen: string | null): Promise<void> {
  await db.client.command({
    query: `INSERT INTO ${db.name}.machines (id, name, first_seen, version)
            SELECT {id:String}, {name:String}, ${firstSeen === null ? 'now64(6)' : '{firstSeen:DateTime64(6)}'}, {version:UInt64}`,
    query_params: { id, name, firstSeen: firstSeen ?? '', version: nextVersion() },
  });
}

/** Every row, earliest first (so the first claim is the one that counts). */
async function machineRows(db: Database): Promise<MachineRow[]> {
  const result = await db.client.query({
    query: `SELECT id, name, toString(first_seen) AS first_seen FROM ${db.name}.machines FINAL
            ORDER BY first_seen, id`,
    format: 'JSONEachRow',
  });
  return (await result.json()) as MachineRow[];
}

function namesOf(rows: MachineRow[]): Map<string, string> {
  return new Map(rows.filter((row) => !row.id.startsWith(HOME_CLAIM)).map((row) => [row.id, row.name]));
}
