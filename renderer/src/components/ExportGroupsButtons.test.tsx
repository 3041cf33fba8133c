// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDistanceLookup } from '../duplicates/distanceLookup';
import { graphOf } from '../testing/photoFixtures';
import { ExportGroupsButtons } from './ExportGroupsButtons';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ExportGroupsButtons', () => {
  it('offers CSV then JSON, each saving a file of its own kind', async () => {
    const saved: { name: string; blob: Blob }[] = [];
    let lastBlob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      lastBlob = blob as Blob;
      return 'blob:export';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: lastBlob! });
    });
    render(
      <ExportGroupsButtons
        groups={[]}
        distanceBetween={createDistanceLookup(graphOf([], []))}
        threshold={0.1}
      />,
    );

    expect(screen.getAllByRole('button').map((button) => button.textContent)).toEqual(['CSV', 'JSON']);
    fireEvent.click(screen.getByTestId('export-csv'));
    fireEvent.click(screen.getByTestId('export-json'));
    expect(saved.map(({ name, blob }) => [name, blob.type])).toEqual([
      ['doppel-duplicates.csv', 'text/csv;charset=utf-8'],
      ['doppel-duplicates.json', 'application/json'],
    ]);
    // A byte-order mark before the CSV only, so a spreadsheet reads it as UTF-8.
    expect(new Uint8Array(await saved[0]!.blob.arrayBuffer()).slice(0, 3)).toEqual(
      new Uint8Array([0xef, 0xbb, 0xbf]),
    );
    expect((await saved[1]!.blob.text()).startsWith('\ufeff')).toBe(false);
  });
});
