// @vitest-environment happy-dom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithEngine } from '../testing/renderWithEngine';
import { EngineStateBanner } from './EngineStateBanner';

afterEach(cleanup);

describe('model download banner', () => {
  it('shows bytes, speed and time left while the model downloads, and goes away when done', async () => {
    const { engine } = renderWithEngine(<EngineStateBanner />);
    expect(screen.queryByTestId('model-download')).toBeNull();
    const total = 350_000_000;
    await act(async () => {
      engine.emit('modelDownload', {
        file: 'onnx/vision_model.onnx',
        loadedBytes: 70_000_000,
        totalBytes: total,
        bytesPerSecond: 5_000_000,
        etaSeconds: 56,
      });
    });
    const banner = screen.getByTestId('model-download');
    expect(banner.textContent).toContain('70.0 MB of 350 MB');
    expect(banner.textContent).toContain('5.0 MB/s');
    expect(banner.textContent).toContain('less than a minute left');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    await act(async () => {
      engine.emit('modelDownload', {
        file: 'onnx/vision_model.onnx',
        loadedBytes: total,
        totalBytes: total,
        bytesPerSecond: 5_000_000,
        etaSeconds: 0,
      });
    });
    expect(screen.queryByTestId('model-download')).toBeNull();
  });
});

describe('engine state banner', () => {
  it('explains that a server is needed, and leads to Settings, instead of "restarting"', async () => {
    const { engine } = renderWithEngine(<EngineStateBanner />);
    const message =
      'The embedded database is not available on Windows, so Doppel keeps its index on a ClickHouse server.';
    await act(async () => engine.emit('engineState', { state: 'needs-server', message }));
    const banner = screen.getByTestId('engine-state');
    expect(banner.textContent).toContain(message);
    expect(banner.textContent).not.toMatch(/restart/i);
    expect(screen.getByTestId('engine-state-settings').getAttribute('href')).toBe('#/settings');
  });
});
