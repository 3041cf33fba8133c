import { useId, useState, type FormEvent } from 'react';
import type { QueryWords } from '../hooks/usePhotoSearch';

export interface WordsSearchFormProps {
  /** With a query photo, the words are added to it (a combined search) instead of standing alone. */
  hasPhoto: boolean;
  busy: boolean;
  onSearch: (words: QueryWords) => void;
  onClearPhoto: () => void;
}

/**
 * "Find photos of…": search by words, or steer a photo search with words ("this photo, but at night"),
 * the way rclip combines a photo with added and subtracted words.
 */
export function WordsSearchForm({ hasPhoto, busy, onSearch, onClearPhoto }: WordsSearchFormProps) {
  const [text, setText] = useState('');
  const [without, setWithout] = useState('');
  const textId = useId();
  const withoutId = useId();
  const ready = text.trim().length > 0 || (hasPhoto && without.trim().length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSearch({ text, without });
  };

  return (
    <form className="words-search" role="search" onSubmit={submit} data-testid="search-words-form">
      <label htmlFor={textId} className="field__label">
        {hasPhoto ? 'Like this photo, but…' : 'Find photos of…'}
      </label>
      <input
        id={textId}
        className="text-input"
        type="search"
        value={text}
        placeholder={hasPhoto ? 'at night' : 'a dog on a beach'}
        onChange={(event) => setText(event.target.value)}
        data-testid="search-text-input"
      />
      <label htmlFor={withoutId} className="field__label">
        Without
      </label>
      <input
        id={withoutId}
        className="text-input"
        type="search"
        value={without}
        placeholder="optional, e.g. people"
        onChange={(event) => setWithout(event.target.value)}
        data-testid="search-minus-input"
      />
      <div className="words-search__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={!ready || busy}
          data-testid="search-text-submit"
        >
          {hasPhoto ? 'Search with photo and words' : 'Search by words'}
        </button>
        {hasPhoto && (
          <button type="button" className="button" onClick={onClearPhoto} data-testid="clear-query-photo">
            Use words only
          </button>
        )}
      </div>
    </form>
  );
}
