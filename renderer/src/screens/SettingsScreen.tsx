import type { FormEvent } from 'react';
import { ChooseFolderButton } from '../components/ChooseFolderButton';
import { ErrorMessage } from '../components/ErrorMessage';
import { KeeperRuleSettings } from '../components/KeeperRuleSettings';
import { ServerConnectionFields } from '../components/ServerConnectionFields';
import { TextField } from '../components/TextField';
import { useSettingsDraft } from '../hooks/useSettingsDraft';
import { useStatus } from '../hooks/useStatus';
import { modelOriginText } from '../settings/modelOriginText';

export function SettingsScreen() {
  const { draft, loadError, saving, saveMessage, update, updateServer, save } = useSettingsDraft();
  // The model this run uses, which a --model flag, DOPPEL_MODEL or a bundled copy may have overridden.
  const { status } = useStatus();
  const modelOrigin = status ? modelOriginText(status) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save();
  };

  return (
    <div className="screen settings-screen">
      <header className="screen__header">
        <h1 className="screen__title">Settings</h1>
      </header>
      {loadError && <ErrorMessage message={loadError} />}
      {!draft && !loadError && <p className="muted">Loading settings…</p>}
      {draft && (
        <form className="settings-form" onSubmit={submit}>
          <section className="panel" role="radiogroup" aria-labelledby="settings-storage-title">
            <h2 id="settings-storage-title" className="section-title">
              Where Doppel keeps its index
            </h2>
            <label className="radio">
              <input
                type="radio"
                name="storage"
                checked={draft.storageKind === 'embedded'}
                onChange={() => update({ storageKind: 'embedded' })}
                data-testid="storage-embedded"
              />
              <span>
                <strong>On this computer</strong>
                <span className="muted"> — nothing to set up</span>
              </span>
            </label>
            <label className="radio">
              <input
                type="radio"
                name="storage"
                checked={draft.storageKind === 'server'}
                onChange={() => update({ storageKind: 'server' })}
                data-testid="storage-server"
              />
              <span>
                <strong>On a ClickHouse server</strong>
                <span className="muted">
                  {' '}
                  — for a library larger than this computer holds, or to share one index between computers
                </span>
              </span>
            </label>
            {draft.storageKind === 'server' && (
              <ServerConnectionFields server={draft.server} onChange={updateServer} />
            )}
          </section>

          <section className="panel" aria-labelledby="settings-model-title">
            <h2 id="settings-model-title" className="section-title">
              Image model
            </h2>
            <TextField
              label="Model"
              value={draft.model}
              onChange={(model) => update({ model })}
              hint="A model name from the Hugging Face hub (downloaded once), or a folder on this computer that holds one. Changing it re-analyses your photos."
              testId="model-input"
              after={<ChooseFolderButton onChoose={(model) => update({ model })} testId="model-choose" />}
            />
            {modelOrigin && (
              <p className="muted" role="note" data-testid="model-origin">
                {modelOrigin}
              </p>
            )}
          </section>

          <section className="panel" aria-labelledby="settings-thumbnails-title">
            <h2 id="settings-thumbnails-title" className="section-title">
              Thumbnails
            </h2>
            <TextField
              label="Cache folder"
              value={draft.thumbnailCacheDir}
              onChange={(thumbnailCacheDir) => update({ thumbnailCacheDir })}
              testId="thumbnail-dir-input"
              after={
                <ChooseFolderButton
                  onChoose={(thumbnailCacheDir) => update({ thumbnailCacheDir })}
                  testId="thumbnail-dir-choose"
                />
              }
            />
            <TextField
              label="Cache size (MB)"
              value={draft.thumbnailCacheMaxMb}
              onChange={(thumbnailCacheMaxMb) => update({ thumbnailCacheMaxMb })}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              hint="The oldest thumbnails are removed when the cache grows past this size."
              testId="thumbnail-size-input"
            />
          </section>

          <KeeperRuleSettings folders={status?.folders ?? []} />

          <div className="settings-form__actions">
            <button
              type="submit"
              className="button button--primary"
              disabled={saving}
              data-testid="settings-save"
            >
              {saving ? 'Saving…' : 'Save'}
            </button>
            {saveMessage && (
              <span
                className={saveMessage.tone === 'error' ? 'text-error' : 'text-success'}
                role={saveMessage.tone === 'error' ? 'alert' : 'status'}
                data-testid="settings-status"
              >
                {saveMessage.text}
              </span>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
