import { useCallback, useEffect, useRef, useState } from 'react';
import { mediaUrl, type QueryImage, type SearchResult } from '../../../shared/contract';
import { describeError } from '../api/errors';
import { fileName } from '../format/paths';
import { isPhotoFile } from '../format/photoFiles';
import { useEngine } from './useEngine';

export interface QueryPhoto {
  name: string;
  /** A blob: URL of the dropped file, or the engine's thumbnail of a picked path. */
  previewUrl: string | null;
}

export interface PhotoSearchState {
  query: QueryPhoto | null;
  results: SearchResult[] | null;
  searching: boolean;
  error: string | null;
  searchFile: (file: File) => void;
  searchPath: (path: string) => void;
}

/** Enough neighbours for the distance slider to have something to filter. */
const resultLimit = 200;

/** The query photo and its nearest photos. Lives above the screens so a drop on any screen can start a search. */
export function usePhotoSearch(): PhotoSearchState {
  const { api, mediaBase, toQueryImage } = useEngine();
  const [query, setQuery] = useState<QueryPhoto | null>(null);
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(0);
  const objectUrl = useRef<string | null>(null);

  const replacePreview = useCallback((url: string | null, owned: boolean) => {
    if (objectUrl.current) URL.revokeObjectURL(objectUrl.current);
    objectUrl.current = owned ? url : null;
  }, []);
  useEffect(() => () => replacePreview(null, false), [replacePreview]);

  const run = useCallback(
    (name: string, previewUrl: string | null, image: () => Promise<QueryImage>) => {
      const id = ++requestId.current;
      setQuery({ name, previewUrl });
      setResults(null);
      setError(null);
      setSearching(true);
      image()
        .then((queryImage) => api.search({ image: queryImage, limit: resultLimit }))
        .then(
          (answer) => {
            if (id === requestId.current) setResults(answer.results);
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

  return { query, results, searching, error, searchFile, searchPath };
}
