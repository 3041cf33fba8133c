// @vitest-environment happy-dom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { usePhotoSearch } from '../hooks/usePhotoSearch';
import { SearchScreen } from '../screens/SearchScreen';
import { photo } from '../testing/photoFixtures';
import { renderWithEngine } from '../testing/renderWithEngine';

afterEach(cleanup);

function SearchHarness() {
  return <SearchScreen search={usePhotoSearch()} />;
}

const results = [
  { path: '/p/red.jpg', distance: 0.2, photo: photo('/p/red.jpg') },
  { path: '/p/blue.jpg', distance: 0.9, photo: photo('/p/blue.jpg') },
];

/** Types as a user does, key by key, into a field emptied first. */
async function type(testId: string, value: string) {
  const user = userEvent.setup();
  await user.clear(screen.getByTestId(testId));
  await user.type(screen.getByTestId(testId), value);
}

async function submit() {
  await userEvent.setup().click(screen.getByTestId('search-text-submit'));
}

describe('Find photos of… (search by words)', () => {
  it('searches by words alone and shows the ranked results', async () => {
    const { engine } = renderWithEngine(<SearchHarness />, {
      overrides: { search: async () => ({ results }) },
    });
    expect((screen.getByTestId('search-text-submit') as HTMLButtonElement).disabled).toBe(true);
    await type('search-text-input', '  a red car ');
    await type('search-minus-input', 'people');
    await submit();
    expect(engine.requestsTo('search')).toEqual([
      { text: 'a red car', minus: [{ text: 'people' }], limit: 200 },
    ]);
    const cards = await screen.findAllByTestId('search-result');
    expect(cards).toHaveLength(2);
    expect(screen.queryByTestId('search-empty')).toBeNull();
  });

  it('adds the words to the query photo (a combined search), and can drop the photo again', async () => {
    const { engine } = renderWithEngine(<SearchHarness />, {
      overrides: { search: async () => ({ results }) },
    });
    await userEvent
      .setup()
      .upload(
        screen.getByTestId('search-file-input'),
        new File([new Uint8Array([1])], 'query.jpg', { type: 'image/jpeg' }),
      );
    await screen.findAllByTestId('search-result');
    expect(screen.getByText('Like this photo, but…')).toBeTruthy();
    await type('search-text-input', 'at night');
    await submit();
    const image = { uploadId: '0123456789abcdef0123456789abcdef' };
    expect(engine.requestsTo('search').at(-1)).toEqual({ image, plus: [{ text: 'at night' }], limit: 200 });

    await userEvent.setup().click(screen.getByTestId('clear-query-photo'));
    expect(screen.queryByTestId('query-name')).toBeNull();
    expect(screen.getByText('Find photos of…')).toBeTruthy();
    await submit();
    expect(engine.requestsTo('search').at(-1)).toEqual({ text: 'at night', limit: 200 });
  });

  it('shows the engine’s words when a model cannot search by words', async () => {
    renderWithEngine(<SearchHarness />, {
      overrides: {
        search: async () => {
          throw new Error('The model x has no text part, so it cannot search by words.');
        },
      },
    });
    await type('search-text-input', 'dog');
    await submit();
    expect((await screen.findByRole('alert')).textContent).toContain('cannot search by words');
  });
});
