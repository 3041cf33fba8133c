// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { usePhotoSearch } from '../hooks/usePhotoSearch';
import { photo } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';
import { SearchScreen } from './SearchScreen';

afterEach(cleanup);

function SearchHarness() {
  return <SearchScreen search={usePhotoSearch()} />;
}

const results = [
  { path: '/p/near.jpg', distance: 0.1234, photo: photo('/p/near.jpg') },
  { path: '/p/mid.jpg', distance: 0.3, photo: photo('/p/mid.jpg') },
  { path: '/p/far.jpg', distance: 0.678, photo: photo('/p/far.jpg') },
];

async function pick(file: File) {
  await act(async () => {
    fireEvent.change(screen.getByTestId('search-file-input'), { target: { files: [file] } });
  });
}

describe('Search screen', () => {
  it('says what to do before a photo is chosen', () => {
    renderWithEngine(<SearchHarness />);
    expect(screen.getByTestId('search-empty').textContent).toContain('Drop a photo');
    expect(screen.getByTestId('search-drop-zone')).toBeTruthy();
  });

  it('searches with the uploaded photo and shows each neighbour with its distance to 2 decimals', async () => {
    const { engine } = renderWithEngine(<SearchHarness />, {
      overrides: { search: async () => ({ results }) },
    });
    await pick(new File([new Uint8Array([1])], 'query.jpg', { type: 'image/jpeg' }));

    const cards = await screen.findAllByTestId('search-result');
    expect(cards).toHaveLength(3);
    expect(screen.getAllByTestId('result-distance').map((node) => node.textContent)).toEqual([
      '0.12',
      '0.30',
      '0.68',
    ]);
    expect(engine.requestsTo('search')).toEqual([
      { image: { uploadId: '0123456789abcdef0123456789abcdef' }, limit: 200 },
    ]);
    expect(screen.getByTestId('query-name').textContent).toBe('query.jpg');
  });

  it('filters the results live with the distance slider', async () => {
    const { engine } = renderWithEngine(<SearchHarness />, {
      overrides: { search: async () => ({ results }) },
    });
    await pick(new File([new Uint8Array([1])], 'query.jpg', { type: 'image/jpeg' }));
    await screen.findAllByTestId('search-result');

    await act(async () => {
      fireEvent.change(screen.getByTestId('distance-slider'), { target: { value: '0.3' } });
    });
    expect(screen.getAllByTestId('search-result')).toHaveLength(2);
    expect(screen.getByTestId('search-summary').textContent).toBe('2 of 3 photos');
    expect(engine.requestsTo('search')).toHaveLength(1);
  });

  it('explains when the file is not a photo instead of sending it', async () => {
    const { engine } = renderWithEngine(<SearchHarness />);
    await pick(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(screen.getByRole('alert').textContent).toContain('is not a photo');
    expect(engine.requestsTo('search')).toEqual([]);
  });

  it('says above the results that only part of the library was searched while the rest is being read', async () => {
    renderWithEngine(<SearchHarness />, {
      status: {
        stages: [
          { name: 'identical', state: 'done', done: 10_000, total: 10_000, reason: null },
          { name: 'same-picture', state: 'done', done: 10_000, total: 10_000, reason: null },
          { name: 'similar', state: 'running', done: 3210, total: 10_000, reason: null },
        ],
      },
      overrides: { search: async () => ({ results, coverage: { embedded: 3210, total: 10_000 } }) },
    });
    expect((await screen.findByTestId('stages-panel')).textContent).toContain('Similar shots');
    await pick(new File([new Uint8Array([1])], 'query.jpg', { type: 'image/jpeg' }));
    await screen.findAllByTestId('search-result');
    const note = screen.getByTestId('search-partial');
    expect(note.textContent).toBe('Searched 3,210 of 10,000 photos; the rest are still being read.');
    // Above the results, where it is read first.
    const first = note.compareDocumentPosition(screen.getAllByTestId('search-result')[0]!);
    expect(first & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('adds no note when the whole library was searched, nor a stages panel once the model has read it all', async () => {
    renderWithEngine(<SearchHarness />, {
      status: { stages: [{ name: 'similar', state: 'done', done: 3, total: 3, reason: null }] },
      overrides: { search: async () => ({ results, coverage: { embedded: 3, total: 3 } }) },
    });
    await pick(new File([new Uint8Array([1])], 'query.jpg', { type: 'image/jpeg' }));
    await screen.findAllByTestId('search-result');
    expect(screen.queryByTestId('search-partial')).toBeNull();
    expect(screen.queryByTestId('stages-panel')).toBeNull();
  });
});
