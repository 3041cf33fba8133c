import { useState } from 'react';
import type { EventPayload, ModelDownloadProgress } from '../../../shared/contract';
import { formatBytes } from '../format/formatBytes';
import { formatEta } from '../format/formatDuration';
import { useEngineEvent } from '../hooks/useEngineEvent';
import { ProgressBar } from './ProgressBar';

type EngineState = EventPayload<'engineState'>;

/** Tells the user when the engine is starting, restarting or downloading its model, app-wide. */
export function EngineStateBanner() {
  const [state, setState] = useState<EngineState | null>(null);
  const [download, setDownload] = useState<ModelDownloadProgress | null>(null);
  useEngineEvent('engineState', setState);
  useEngineEvent('modelDownload', (progress) => {
    const finished = progress.totalBytes !== null && progress.loadedBytes >= progress.totalBytes;
    setDownload(finished ? null : progress);
  });

  return (
    <>
      {state && state.state === 'needs-server' && (
        <div className="banner banner--error" role="status" data-testid="engine-state">
          <span>{engineStateText(state)}</span>{' '}
          <a href="#/settings" className="button" data-testid="engine-state-settings">
            Open Settings
          </a>
        </div>
      )}
      {state && state.state !== 'ready' && state.state !== 'needs-server' && (
        <div
          className={`banner banner--${state.state === 'crashed' ? 'error' : 'info'}`}
          role="status"
          data-testid="engine-state"
        >
          {engineStateText(state)}
        </div>
      )}
      {download && (
        <div className="banner banner--info" role="status" data-testid="model-download">
          <span>
            Downloading the image model (first run only): {formatBytes(download.loadedBytes)}
            {download.totalBytes !== null && ` of ${formatBytes(download.totalBytes)}`}
            {download.bytesPerSecond > 0 && ` · ${formatBytes(download.bytesPerSecond)}/s`}
            {formatEta(download.etaSeconds) && ` · ${formatEta(download.etaSeconds)}`}
          </span>
          <ProgressBar done={download.loadedBytes} total={download.totalBytes ?? 0} label="Model download" />
        </div>
      )}
    </>
  );
}

function engineStateText(state: EngineState): string {
  const detail = state.message ? ` ${state.message}` : '';
  switch (state.state) {
    case 'starting':
      return `Starting Doppel’s engine…${detail}`;
    case 'restarting':
      return `Doppel’s engine stopped unexpectedly and is restarting…${detail}`;
    case 'crashed':
      return `Doppel’s engine stopped unexpectedly.${detail} Restart Doppel to continue.`;
    case 'needs-server':
      // The message says why (no embedded database on Windows) and where to go.
      return state.message ?? 'Doppel needs a ClickHouse server: choose one in Settings.';
    case 'ready':
      return '';
  }
}
