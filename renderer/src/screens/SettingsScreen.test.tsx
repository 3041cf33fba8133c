// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithEngine } from '../testing/renderWithEngine';
import { SettingsScreen } from './SettingsScreen';

afterEach(cleanup);

const saved = {
  storage: { kind: 'embedded' as const },
  model: 'Xenova/clip-vit-base-patch32',
  thumbnailCacheDir: '/cache/thumbs',
  thumbnailCacheMaxMb: 512,
};

describe('Settings › Image model', () => {
  it('says which model this run uses when --model overrides the saved one', async () => {
    renderWithEngine(<SettingsScreen />, {
      settings: saved,
      status: { model: '/models/my-clip', modelOrigin: 'command-line' },
    });
    const input = (await screen.findByTestId('model-input')) as HTMLInputElement;
    expect(input.value).toBe('Xenova/clip-vit-base-patch32');
    const note = await screen.findByTestId('model-origin');
    expect(note.textContent).toBe(
      'This run uses /models/my-clip (from --model); your saved choice applies when Doppel starts without it.',
    );
  });

  it('names DOPPEL_MODEL and the bundled copy as the source when they decide', async () => {
    renderWithEngine(<SettingsScreen />, {
      settings: saved,
      status: { model: '/opt/clip', modelOrigin: 'environment' },
    });
    expect((await screen.findByTestId('model-origin')).textContent).toContain(
      '/opt/clip (from the DOPPEL_MODEL environment variable)',
    );
    cleanup();
    renderWithEngine(<SettingsScreen />, {
      settings: saved,
      status: { model: '/Applications/Doppel.app/Contents/Resources/model', modelOrigin: 'bundled' },
    });
    expect((await screen.findByTestId('model-origin')).textContent).toContain(
      'the copy of the default model that came with Doppel',
    );
  });

  it('adds nothing when the saved model is the one in use', async () => {
    const { engine } = renderWithEngine(<SettingsScreen />, {
      settings: saved,
      status: { model: saved.model, modelOrigin: 'default' },
    });
    await screen.findByTestId('model-input');
    await waitFor(() => expect(engine.requestsTo('status')).toHaveLength(1));
    await act(async () => undefined); // the fake's status answer has been rendered
    expect(screen.queryByTestId('model-origin')).toBeNull();
  });
});
