import { useCallback, useEffect, useRef, useState } from 'react';
import { mediaUrl, type MethodRequest, type QueryImage, type SearchResult } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { fileName } from '../format/paths';
import { isPhotoFile } from '../format/photoFiles';
import { useEngine } from './useEngine';

export interface QueryPhoto {
  name: string;
  /** A blob: URL of the dropped file, or the engine's thumbnail of a picked path. */
  previewUrl: string | null;
}

/** Words typed beside the drop zone: alone, or added to (and taken from) the query photo. */
export interface QueryWords {
  text: string;
  /** Words to steer away from ("but not…"). */
  without: string;
}

export interface PhotoSearchState {
  query: QueryPhoto | null;
  /** The words of the current search, if it used any. */
  words: QueryWords | null;
  results: SearchResult[] | null;
  /** How many photos the last search could look at, when the engine says and it was not all of them. */
  partial: SearchCoverage | null;
  searching: boolean;
  error: string | null;
  searchFile: (file: File) => void;
  searchPath: (path: string) => void;
  /** Search by words; with a query photo, a combined search (the photo plus and minus the words). */
  searchWords: (words: QueryWords) => void;
  /** Drop the query photo, so the words alone decide. */
  clearPhoto: () => void;
}

export interface SearchCoverage {
  embedded: number;
  total: number;
}

/** Enough neighbours for the distance slider to have something to filter. */
const resultLimit = 200;

/** The query photo and its nearest photos. Lives above the screens so a drop on any screen can start a search. */
export function usePhotoSearch(): PhotoSearchState {
  const { api, mediaBase, toQueryImage } = useEngine();
  const [query, setQuery] = useState<QueryPhoto | null>(null);
  const [words, setWords] = useState<QueryWords | null>(null);
  // The engine-side handle of the query photo, reused when words are added to it.
  const queryImage = useRef<QueryImage | null>(null);
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [partial, setPartial] = useState<SearchCoverage | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(0);
  const objectUrl = useRef<string | null>(null);

  const replacePreview = useCallback((url: string | null, owned: boolean) => {
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = owned ? url : null;
  }, []);
  useEffect(() => () => replacePreview(null, false), [replacePreview]);

  const execute = useCallback(
    (request: () => Promise<MethodRequest<'search'>>) => {
      const id = ++requestId.current;
      setResults(null);
      setPartial(null);
      setError(null);
      setSearching(true);
      request()
        .then((search) => api.search(search))
        .then(
          (answer) => {
            if (id !== requestId.current) return;
            setResults(answer.results);
            const coverage = answer.coverage;
            setPartial(coverage && coverage.embedded < coverage.total ? coverage : null);
          },
          (failure: unknown) => {
            if (id === requestId.current) setError(describeError(failure));
          },
        )
        .finally(() => {
          if (id === requestId.current) setSearching(false);
        });
    },
    [api],
  );

  const run = useCallback(
    (name: string, previewUrl: string | null, image: () => Promise<QueryImage>) => {
      setQuery({ name, previewUrl });
      setWords(null);
      queryImage.current = null;
      execute(async () => {
        const prepared = await image();
        queryImage.current = prepared;
        return { image: prepared, limit: resultLimit };
      });
    },
    [execute],
  );

  const searchWords = useCallback(
    (next: QueryWords) => {
      const text = next.text.trim();
      const without = next.without.trim();
      const image = queryImage.current;
      if (!text && !(image && without)) return;
      setWords({ text, without });
      const minus = without ? [{ text: without }] : undefined;
      execute(async () =>
        image
          ? { image, plus: text ? [{ text }] : undefined, minus, limit: resultLimit }
          : { text, minus, limit: resultLimit },
      );
    },
    [execute],
  );

  const clearPhoto = useCallback(() => {
    replacePreview(null, false);
    queryImage.current = null;
    requestId.current++;
    setQuery(null);
    setWords(null);
    setResults(null);
    setPartial(null);
    setError(null);
    setSearching(false);
  }, [replacePreview]);

  const searchFile = useCallback(
    (file: File) => {
      if (!isPhotoFile(file)) {
        setError(`“${file.name}” is not a photo Doppel can read. Try a JPEG, PNG, HEIC or similar file.`);
        return;
      }
      const previewUrl = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
      replacePreview(previewUrl, true);
      run(file.name || 'Pasted picture', previewUrl, () => toQueryImage(file));
    },
    [run, toQueryImage, replacePreview],
  );

  const searchPath = useCallback(
    (path: string) => {
      replacePreview(null, false);
      run(fileName(path), mediaUrl(mediaBase, 'thumbnail', path, 512), async () => ({ path }));
    },
    [run, mediaBase, replacePreview],
  );

  return {
    query,
    words,
    results,
    partial,
    searching,
    error,
    searchFile,
    searchPath,
    searchWords,
    clearPhoto,
  };
}
