import { useState } from 'react';
import { describeError } from '../api/errors';
import { useEngine } from '../hooks/useEngine';
import { checkServer, type SettingsDraft } from '../settings/settingsForm';
import { TextField } from './TextField';

type Server = SettingsDraft['server'];

export function ServerConnectionFields({
  server,
  onChange,
}: {
  server: Server;
  onChange: (change: Partial<Server>) => void;
}) {
  const { api } = useEngine();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const test = async () => {
    const checked = checkServer(server);
    if (!checked.ok) {
      setResult({ ok: false, text: checked.message });
      return;
    }
    setTesting(true);
    setResult(null);
    try {
      const answer = await api.testConnection({ server: checked.value });
      setResult(
        answer.ok
          ? { ok: true, text: `Connected${answer.version ? ` to ClickHouse ${answer.version}` : ''}.` }
          : { ok: false, text: answer.error ?? 'The server did not answer.' },
      );
    } catch (failure) {
      setResult({ ok: false, text: describeError(failure) });
    } finally {
      setTesting(false);
    }
  };

  const change = (patch: Partial<Server>) => {
    setResult(null);
    onChange(patch);
  };

  return (
    <div className="server-fields">
      <TextField
        label="Server address"
        value={server.url}
        onChange={(url) => change({ url })}
        placeholder="http://localhost:8123"
        type="url"
        testId="server-url-input"
      />
      <div className="field-row">
        <TextField
          label="User"
          value={server.user}
          onChange={(user) => change({ user })}
          testId="server-user-input"
        />
        <TextField
          label="Password"
          value={server.password}
          onChange={(password) => change({ password })}
          type="password"
          autoComplete="off"
          testId="server-password-input"
        />
        <TextField
          label="Database"
          value={server.database}
          onChange={(database) => change({ database })}
          testId="server-database-input"
        />
      </div>
      <p className="muted" data-testid="server-setup-hint">
        No server yet? With Docker installed, <code>docker compose up -d</code> in Doppel’s folder starts one
        at http://localhost:8123 (user default, password doppel, database doppel; see docker-compose.yml).
      </p>
      <div className="field-actions">
        <button
          type="button"
          className="button"
          onClick={test}
          disabled={testing}
          data-testid="test-connection"
        >
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        {result && (
          <span
            className={result.ok ? 'text-success' : 'text-error'}
            role={result.ok ? 'status' : 'alert'}
            data-testid="connection-result"
            data-ok={result.ok ? 'true' : 'false'}
          >
            {result.text}
          </span>
        )}
      </div>
    </div>
  );
}
