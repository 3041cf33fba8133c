import type { MachineIdentity } from '../platform/machine-identity';
import type { Database } from './database';
import { MachineScope } from './machine-scope';
import { nextVersion } from './photo-rows';

interface MachineRow {
  id: string;
  name: string;
  first_seen: string;
}

/**
 * The computers writing to this index (`machines`: id, name, when the database first saw it). Registering
 * is an insert stamped by the database's own clock, then a read: the computer seen first owns the plain
 * keys (the rows written before computers were told apart). Two computers registering at once both read
 * after their own insert, so at least one of them sees both and, by the same order, the same first one.
 */
export async function registerMachine(db: Database, me: MachineIdentity): Promise<MachineScope> {
  const table = `${db.name}.machines`;
  let rows = await machineRows(db);
  const mine = rows.find((row) => row.id === me.id);
  if (!mine || mine.name !== me.name) {
    // A rename keeps the first sighting, so the order of computers never changes.
    await db.client.command({
      query: `INSERT INTO ${table} (id, name, first_seen, version)
              SELECT {id:String}, {name:String}, ${mine ? '{firstSeen:DateTime64(6)}' : 'now64(6)'}, {version:UInt64}`,
      query_params: { id: me.id, name: me.name, firstSeen: mine?.first_seen ?? '', version: nextVersion() },
    });
    rows = await machineRows(db);
  }
  const home = rows[0]?.id ?? me.id;
  return MachineScope.of(me.id, home, namesOf(rows), async () => namesOf(await machineRows(db)));
}

async function machineRows(db: Database): Promise<MachineRow[]> {
  const result = await db.client.query({
    query: `SELECT id, name, toString(first_seen) AS first_seen FROM ${db.name}.machines FINAL
            ORDER BY first_seen, id`,
    format: 'JSONEachRow',
  });
  return (await result.json()) as MachineRow[];
}

function namesOf(rows: MachineRow[]): Map<string, string> {
  return new Map(rows.map((row) => [row.id, row.name]));
}
