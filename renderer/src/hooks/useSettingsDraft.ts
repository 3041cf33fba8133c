import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/errors';
import { draftFromSettings, settingsFromDraft, type SettingsDraft } from '../settings/settingsForm';
import { useEngine } from './useEngine';

export interface SettingsDraftState {
  draft: SettingsDraft | null;
  loadError: string | null;
  saving: boolean;
  saveMessage: { tone: 'info' | 'error'; text: string } | null;
  update: (change: Partial<SettingsDraft>) => void;
  updateServer: (change: Partial<SettingsDraft['server']>) => void;
  save: () => void;
}

/** Loads the settings into an editable draft and saves it back whole. */
export function useSettingsDraft(): SettingsDraftState {
  const { api } = useEngine();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveMessage, setSaveMessage] = useState<SettingsDraftState['saveMessage']>(null);

  useEffect(() => {
    api.getSettings({}).then(
      (settings) => setDraft(draftFromSettings(settings)),
      (failure: unknown) => setLoadError(describeError(failure)),
    );
  }, [api]);

  const update = useCallback((change: Partial<SettingsDraft>) => {
    setDraft((current) => (current ? { ...current, ...change } : current));
    setSaveMessage(null);
  }, []);
  const updateServer = useCallback((change: Partial<SettingsDraft['server']>) => {
    setDraft((current) => (current ? { ...current, server: { ...current.server, ...change } } : current));
    setSaveMessage(null);
  }, []);

  const save = useCallback(() => {
    if (!draft) return;
    const checked = settingsFromDraft(draft);
    if (!checked.ok) {
      setSaveMessage({ tone: 'error', text: checked.message });
      return;
    }
    setSaving(true);
    api
      .updateSettings(checked.value)
      .then(
        (saved) => {
          setDraft(draftFromSettings(saved));
          setSaveMessage({ tone: 'info', text: 'Settings saved.' });
        },
        (failure: unknown) => setSaveMessage({ tone: 'error', text: describeError(failure) }),
      )
      .finally(() => setSaving(false));
  }, [api, draft]);

  return { draft, loadError, saving, saveMessage, update, updateServer, save };
}
