import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_KEEPER_RULE,
  KEEPER_CRITERIA,
  type KeeperCriterion,
  type KeeperRule,
  type Status,
} from '../../../shared/contract';
import { KEEPER_CRITERION_LABELS } from '../../../shared/duplicates/keeper-rules';
import { describeError } from '../api/errors';
import { useEngine } from '../hooks/useEngine';

/** Every criterion, the saved ones first in their order: the list shows (and saves) all of them. */
export function fullKeeperOrder(order: readonly KeeperCriterion[]): KeeperCriterion[] {
  return [...order, ...KEEPER_CRITERIA.filter((criterion) => !order.includes(criterion))];
}

export function moveCriterion(order: readonly KeeperCriterion[], at: number, by: -1 | 1): KeeperCriterion[] {
  const next = [...order];
  const to = at + by;
  if (to < 0 || to >= next.length) return next;
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}

/**
 * Settings › Suggested keeper: the criteria as an ordered list the keyboard can reorder (Move up / Move down
 * buttons), the preferred format and folder. Each change is saved at once and reaches the Duplicates screen
 * with its next graph: no rescan.
 */
export function KeeperRuleSettings({ folders }: { folders: Status['folders'] }) {
  const { api } = useEngine();
  const [rule, setRule] = useState<KeeperRule | null>(null);
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const saves = useRef(0);

  useEffect(() => {
    api.getSettings({}).then(
      (settings) => {
        const saved = settings.keeperRule ?? DEFAULT_KEEPER_RULE;
        setRule({ ...saved, order: fullKeeperOrder(saved.order) });
      },
      (failure: unknown) => setMessage({ tone: 'error', text: describeError(failure) }),
    );
  }, [api]);

  // A button that the move disabled (the top's Move up) hands the focus to its neighbour, never to the page.
  useEffect(() => {
    if (!focusNext) return;
    const [criterion, direction] = focusNext.split(':');
    const wanted = buttons.current.get(focusNext);
    const other = buttons.current.get(`${criterion}:${direction === 'up' ? 'down' : 'up'}`);
    (wanted && !wanted.disabled ? wanted : other)?.focus();
    setFocusNext(null);
  }, [focusNext, rule]);

  if (!rule)
    return message ? (
      <p className="text-error" role="alert">
        {message.text}
      </p>
    ) : null;

  const save = (next: KeeperRule) => {
    setRule(next);
    const id = ++saves.current;
    api.updateSettings({ keeperRule: next }).then(
      () =>
        id === saves.current && setMessage({ tone: 'info', text: 'Saved: the keepers follow this order.' }),
      (failure: unknown) =>
        id === saves.current && setMessage({ tone: 'error', text: describeError(failure) }),
    );
  };

  const move = (at: number, by: -1 | 1) => {
    const criterion = rule.order[at]!;
    save({ ...rule, order: moveCriterion(rule.order, at, by) });
    setFocusNext(`${criterion}:${by < 0 ? 'up' : 'down'}`);
  };

  const folderChoices = folders.map((folder) => folder.path);
  if (rule.preferredFolder && !folderChoices.includes(rule.preferredFolder))
    folderChoices.push(rule.preferredFolder);

  return (
    <section className="panel" aria-labelledby="settings-keeper-title">
      <h2 id="settings-keeper-title" className="section-title">
        Suggested keeper
      </h2>
      <p className="muted" id="keeper-rule-hint">
        Doppel keeps the photo that wins the first of these that tells the photos apart, from the top. A photo
        in a protected folder is always the keeper; the shortest path settles a tie.
      </p>
      <ol className="keeper-rule" aria-label="Keeper criteria, asked from the top" data-testid="keeper-rule">
        {rule.order.map((criterion, at) => {
          const label = KEEPER_CRITERION_LABELS[criterion];
          return (
            <li
              key={criterion}
              className="keeper-rule__item"
              data-testid="keeper-criterion"
              data-criterion={criterion}
            >
              <span className="keeper-rule__label">{label}</span>
              <button
                type="button"
                className="button button--small"
                disabled={at === 0}
                onClick={() => move(at, -1)}
                aria-label={`Move up: ${label}`}
                ref={(element) => register(buttons.current, `${criterion}:up`, element)}
                data-testid="keeper-move-up"
              >
                ↑ Move up
              </button>
              <button
                type="button"
                className="button button--small"
                disabled={at === rule.order.length - 1}
                onClick={() => move(at, 1)}
                aria-label={`Move down: ${label}`}
                ref={(element) => register(buttons.current, `${criterion}:down`, element)}
                data-testid="keeper-move-down"
              >
                ↓ Move down
              </button>
            </li>
          );
        })}
      </ol>
      <div className="keeper-rule__choices">
        <label className="toolbar__field">
          <span>Preferred format</span>
          <select
            className="select"
            value={rule.preferredFormat}
            onChange={(event) =>
              save({ ...rule, preferredFormat: event.target.value as KeeperRule['preferredFormat'] })
            }
            data-testid="keeper-format"
          >
            <option value="heic">HEIC over JPEG</option>
            <option value="jpeg">JPEG over HEIC</option>
          </select>
        </label>
        <label className="toolbar__field">
          <span>Preferred folder</span>
          <select
            className="select"
            value={rule.preferredFolder ?? ''}
            onChange={(event) => save({ ...rule, preferredFolder: event.target.value || null })}
            data-testid="keeper-folder"
          >
            <option value="">None</option>
            {folderChoices.map((path) => (
              <option key={path} value={path}>
                {path}
              </option>
            ))}
          </select>
        </label>
      </div>
      {message && (
        <p
          className={message.tone === 'error' ? 'text-error' : 'text-success'}
          role={message.tone === 'error' ? 'alert' : 'status'}
          data-testid="keeper-rule-status"
        >
          {message.text}
        </p>
      )}
    </section>
  );
}

function register(map: Map<string, HTMLButtonElement>, key: string, element: HTMLButtonElement | null): void {
  if (element) map.set(key, element);
  else map.delete(key);
}
