import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  csvCell,
  exportGroups,
  groupsAsCsv,
  groupsAsJson,
  type ExportGroup,
} from './group-export';
import { photo } from './testing/graph-fixtures';

/** A small RFC 4180 reader, independent of the writer: quoted cells, doubled quotes, CRLF or LF rows. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const hostile = [
  '=HYPERLINK("evil.example","click").jpg',
  '+1+2.jpg',
  '-3.jpg',
  '@SUM(A1).jpg',
  'comma, "quoted"\nand a new line.jpg',
];

describe('group export', () => {
  const keeper = photo('/lib/Master archive/IMG_1.jpg', {
    size: 5_000,
    width: 6000,
    height: 4000,
    takenAt: '2021-06-01T12:00:00',
    mtimeMs: Date.UTC(2021, 5, 2),
  });
  const copies = hostile.map((name, i) => photo(`/lib/copies/${name}`, { size: 100 + i }));
  const byPath = new Map([keeper, ...copies].map((p) => [p.path, p]));
  const group: ExportGroup = {
    kind: 'same-picture',
    keeper: keeper.path,
    items: [
      { path: keeper.path, distance: 0 },
      ...copies.map((c, i) => ({ path: c.path, distance: i / 10 })),
    ],
    reclaimableBytes: 510,
    keeperReason: 'Keeper: in protected folder Master archive',
  };
  const options = {
    maxDistance: 0.25,
    photoOf: (path: string) => byPath.get(path),
    protectedFolders: ['/lib/Master archive'],
  };

  it('writes one CSV row per photo with the columns, keeper first, that a CSV reader reads back exactly', () => {
    const rows = readCsv(groupsAsCsv([group], options));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + 1 + copies.length);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const first = rows[1]!;
    expect(first[column('role')]).toBe('keeper');
    expect(first[column('path')]).toBe(keeper.path);
    expect(first[column('folder')]).toBe('/lib/Master archive');
    expect(first[column('protected')]).toBe('yes');
    expect(first[column('pixels')]).toBe('24000000');
    expect(first[column('taken_at')]).toBe('2021-06-01T12:00:00');
    expect(first[column('modified_at')]).toBe('2021-06-02T00:00:00.000Z');
    expect(first[column('group_reclaimable_bytes')]).toBe('510');
    expect(first[column('keeper_reason')]).toBe('Keeper: in protected folder Master archive');
    const names = rows.slice(2).map((row) => row[column('name')]);
    // Formula starters get a leading quote; everything else survives quoting exactly.
    expect(names).toEqual([
      `'=HYPERLINK("evil.example","click").jpg`,
      `'+1+2.jpg`,
      `'-3.jpg`,
      `'@SUM(A1).jpg`,
      'comma, "quoted"\nand a new line.jpg',
    ]);
    expect(
      rows.slice(2).every((row) => row.length === CSV_COLUMNS.length && row[column('role')] === 'copy'),
    ).toBe(true);
  });

  it('never lets a cell start with a formula character', () => {
    for (const text of ['=1', '+1', '-1', '@a', '\tx', '\rx'])
      expect(csvCell(text).replace(/^"/, '')[0]).toBe("'");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('writes JSON with every photo’s fields, keeping the path and distance the CLI always wrote', () => {
    const parsed = JSON.parse(groupsAsJson([{ ...group, copies: [] }], options));
    expect(parsed.maxDistance).toBe(0.25);
    const [written] = parsed.groups;
    expect(written).toMatchObject({
      kind: 'same-picture',
      keeper: keeper.path,
      reclaimableBytes: 510,
      copies: [],
    });
    expect(written.items[0]).toMatchObject({
      path: keeper.path,
      distance: 0,
      keeper: true,
      protected: true,
      size: 5_000,
      width: 6000,
      height: 4000,
      takenAt: '2021-06-01T12:00:00',
    });
    expect(written.items.map((item: { name: string }) => item.name).slice(1)).toEqual(hostile);
  });

  it('writes a photo it does not know with its path alone', () => {
    const unknown: ExportGroup = { ...group, items: [{ path: '/gone.jpg', distance: null }] };
    const [item] = JSON.parse(exportGroups('json', [unknown], options)).groups[0].items;
    expect(item).toMatchObject({ path: '/gone.jpg', size: null, pixels: null, modifiedAt: null });
    expect(readCsv(exportGroups('csv', [unknown], options))[1]![CSV_COLUMNS.indexOf('size_bytes')]).toBe('');
  });
});
