// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexResult, IndexStage, Status } from '../../../shared/contract';
import { EngineError } from '../api/errors';
import { createFakeEngine } from '../testing/fakeEngine';
import { renderWithEngine } from '../testing/renderWithEngine';
import { LibraryScreen } from './LibraryScreen';

afterEach(cleanup);

describe('Library screen', () => {
  it('lists folders with counts and the files that could not be read', async () => {
    renderWithEngine(<LibraryScreen />, {
      status: {
        images: 1234,
        folders: [
          { path: '/photos/2023', images: 1000 },
          { path: '/photos/2024', images: 234 },
        ],
        lastErrors: [{ path: '/photos/2024/broken.jpg', error: 'The file is damaged.' }],
      },
    });
    const rows = await screen.findAllByTestId('folder-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('1,000 photos'),
      expect.stringContaining('234 photos'),
    ]);
    const errors = await screen.findAllByTestId('error-row');
    expect(errors[0]!.textContent).toContain('broken.jpg');
    expect(errors[0]!.textContent).toContain('The file is damaged.');
  });

  it('indexes a typed path, shows live progress, and can cancel', async () => {
    let finish: (result: IndexResult) => void = () => {};
    const { engine } = renderWithEngine(<LibraryScreen />, {
      overrides: { indexFolders: () => new Promise<IndexResult>((resolve) => (finish = resolve)) },
    });
    await screen.findByTestId('library-empty');

    fireEvent.change(screen.getByTestId('folder-path-input'), { target: { value: '  /photos/new  ' } });
    await act(async () => fireEvent.click(screen.getByTestId('index-button')));
    expect(engine.requestsTo('indexFolders')).toEqual([{ paths: ['/photos/new'] }]);
    expect(screen.getByTestId('progress')).toBeTruthy();

    await act(async () =>
      engine.emit('indexProgress', {
        phase: 'embedding',
        done: 250,
        total: 1000,
        photosPerSecond: 12.5,
        etaSeconds: 60,
        currentFile: '/photos/new/IMG_0250.jpg',
      }),
    );
    expect(screen.getByTestId('progress').getAttribute('aria-valuenow')).toBe('250');
    expect(screen.getByTestId('progress-text').textContent).toBe(
      'Analysing photos · 250 of 1,000 · 12.5 photos/s · about 1 min left',
    );
    expect(screen.getByTestId('progress-file').textContent).toBe('IMG_0250.jpg');

    await act(async () => fireEvent.click(screen.getByTestId('cancel-indexing')));
    expect(engine.requestsTo('cancelIndexing')).toHaveLength(1);

    await act(async () =>
      finish({ indexed: 250, skipped: 0, removed: 0, errors: [], cancelled: true, seconds: 20 }),
    );
    await waitFor(() => expect(screen.queryByTestId('progress')).toBeNull());
    expect(screen.getByTestId('index-result').textContent).toBe('Stopped after adding 250 photos (20 s).');
  });

  it('asks before removing a folder, then removes it', async () => {
    const { engine } = renderWithEngine(<LibraryScreen />, {
      status: { folders: [{ path: '/photos/old', images: 5 }] },
    });
    await screen.findByTestId('folder-row');
    await act(async () => fireEvent.click(screen.getByTestId('remove-folder')));
    expect(screen.getByTestId('confirm-dialog').textContent).toContain('5 photos');
    await act(async () => fireEvent.click(screen.getByTestId('confirm-ok')));
    expect(engine.requestsTo('removeFolder')).toEqual([{ path: '/photos/old' }]);
  });

  it('words a model that cannot be downloaded for a photographer, never as a command-line flag', async () => {
    const engineWords =
      'Cannot download the model Xenova/clip-vit-base-patch32 from https://huggingface.co/ (ECONNREFUSED). Offline? Pass --model DIR with a downloaded model folder (or choose one in Settings).';
    renderWithEngine(<LibraryScreen />, {
      overrides: { indexFolders: () => Promise.reject(new EngineError(engineWords, 'model-offline')) },
    });
    await screen.findByTestId('library-empty');
    fireEvent.change(screen.getByTestId('folder-path-input'), { target: { value: '/photos/new' } });
    await act(async () => fireEvent.click(screen.getByTestId('index-button')));
    const shown = (await screen.findByTestId('error-message')).textContent ?? '';
    expect(shown).not.toContain('--model');
    expect(shown).toContain('Settings → Image model');
  });

  it('shows each stage live while indexing, and keeps the waiting one in view after the run', async () => {
    const stage = (
      name: IndexStage['name'],
      state: IndexStage['state'],
      done: number,
      reason: string | null = null,
    ) => ({ name, state, done, total: 40, reason }) satisfies IndexStage;
    const waitingForModel = 'Finding similar shots needs the image model (350 MB): offline, will retry';
    const answers: IndexStage[][] = [
      [
        stage('identical', 'running', 10),
        stage('same-picture', 'waiting', 0),
        stage('similar', 'waiting', 0),
      ],
      [
        stage('identical', 'done', 40),
        stage('same-picture', 'running', 25),
        stage('similar', 'waiting', 0, waitingForModel),
      ],
      [
        stage('identical', 'done', 40),
        stage('same-picture', 'done', 40),
        stage('similar', 'waiting', 0, waitingForModel),
      ],
    ];
    const base = await createFakeEngine().client.api.status({});
    let answer = 0;
    const { engine } = renderWithEngine(<LibraryScreen />, {
      overrides: {
        status: async (): Promise<Status> => ({
          ...base,
          folders: [{ path: '/photos', images: 40 }],
          stages: answers[Math.min(answer, answers.length - 1)],
        }),
      },
    });
    const copiesBar = async () => screen.findByRole('progressbar', { name: 'Re-saved and edited copies' });
    expect((await copiesBar()).getAttribute('aria-valuenow')).toBe('0');

    answer = 1;
    await act(async () =>
      engine.emit('indexProgress', {
        phase: 'embedding',
        done: 25,
        total: 40,
        photosPerSecond: 5,
        etaSeconds: 3,
        currentFile: null,
      }),
    );
    await waitFor(async () => expect((await copiesBar()).getAttribute('aria-valuenow')).toBe('25'));
    const similarRow = () => screen.getAllByTestId('stage').find((row) => row.dataset.stage === 'similar')!;
    expect(similarRow().textContent).toContain(waitingForModel);

    answer = 2;
    await act(async () =>
      engine.emit('indexFinished', {
        indexed: 40,
        skipped: 0,
        removed: 0,
        errors: [],
        cancelled: false,
        seconds: 8,
      }),
    );
    await waitFor(async () => expect((await copiesBar()).getAttribute('aria-valuenow')).toBe('40'));
    expect(similarRow().dataset.state).toBe('waiting');
  });

  it('hides the stages once every one is done and nothing runs', async () => {
    renderWithEngine(<LibraryScreen />, {
      status: {
        folders: [{ path: '/photos', images: 3 }],
        stages: [
          { name: 'identical', state: 'done', done: 3, total: 3, reason: null },
          { name: 'same-picture', state: 'done', done: 3, total: 3, reason: null },
          { name: 'similar', state: 'done', done: 3, total: 3, reason: null },
        ],
      },
    });
    await screen.findByTestId('folder-row');
    expect(screen.queryByTestId('stages-panel')).toBeNull();
  });
});
