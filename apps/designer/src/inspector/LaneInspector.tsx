import type { Lane } from '@alur/schema';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listPositionChoices, suggestPosition } from '../model/catalogue.ts';
import type { LaneBinding } from '../model/commands.ts';
import { useCatalogue, useEditor } from '../store/EditorContext.tsx';
import { CommitField } from './fields.tsx';

/** Lane settings: name, binding to a catalogue position or as an external party, order, delete. */
export function LaneInspector({ lane }: { lane: Lane }) {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const dispatch = useEditor((s) => s.dispatch);
  const index = useEditor((s) => s.doc.lanes.findIndex((l) => l.id === lane.id));
  const count = useEditor((s) => s.doc.lanes.length);
  const bind = (binding: LaneBinding) =>
    dispatch({ type: 'lane.bind', payload: { laneId: lane.id, binding } });
  // Choosing "position" or "external" binds nothing yet: the lane stays unbound (and validation
  // keeps saying so) until a position is picked; binding the first one silently sent tasks astray.
  const [pending, setPending] = useState<'position' | 'external' | null>(null);
  const shownKind = lane.kind === 'unbound' && pending ? pending : lane.kind;
  const suggestion = lane.kind === 'unbound' ? suggestPosition(lane.name, catalogue) : null;
  const chooseKind = (kind: Lane['kind']) => {
    setPending(kind === 'unbound' ? null : kind);
    if (lane.kind !== 'unbound') bind({ kind: 'unbound' });
  };
  const positionOptions = (
    <>
      <option value="">{t('inspector.choose')}</option>
      {listPositionChoices(
        catalogue,
        lane.kind === 'position' ? lane.positionKey : lane.kind === 'external' ? lane.recordedBy : null,
      ).map((p) => (
        <option key={p.key} value={p.key}>
          {p.label}
        </option>
      ))}
    </>
  );
  return (
    <div className="inspector-body" data-testid="inspector-lane">
      <CommitField
        label={t('inspector.laneName')}
        value={lane.name}
        testId="field-lane-name"
        onCommit={(name) => dispatch({ type: 'lane.rename', payload: { laneId: lane.id, name } })}
      />
      <fieldset>
        <legend>{t('inspector.binding')}</legend>
        {(['position', 'external', 'unbound'] as const).map((kind) => (
          <label className="check" key={kind}>
            <input
              type="radio"
              name={`bind-${lane.id}`}
              checked={shownKind === kind}
              data-testid={`field-lane-bind-${kind}`}
              onChange={() => chooseKind(kind)}
            />
            {t(
              kind === 'position'
                ? 'inspector.bindPosition'
                : kind === 'external'
                  ? 'inspector.bindExternal'
                  : 'inspector.bindUnbound',
            )}
          </label>
        ))}
        {suggestion && shownKind !== 'external' && (
          <p className="lane-suggestion" data-testid="lane-suggestion">
            {t('inspector.suggestion', { name: suggestion.label })}{' '}
            <button
              type="button"
              data-testid="lane-suggestion-accept"
              onClick={() => bind({ kind: 'position', positionKey: suggestion.key })}
            >
              {t('inspector.useSuggestion')}
            </button>
          </p>
        )}
        {shownKind === 'position' && (
          <label>
            {t('inspector.position')}
            <select
              value={lane.kind === 'position' ? lane.positionKey : ''}
              data-testid="field-lane-position"
              onChange={(e) => e.target.value && bind({ kind: 'position', positionKey: e.target.value })}
            >
              {positionOptions}
            </select>
          </label>
        )}
        {shownKind === 'external' && (
          <label>
            {t('inspector.recordedBy')}
            <select
              value={lane.kind === 'external' ? lane.recordedBy : ''}
              data-testid="field-lane-recorded-by"
              onChange={(e) => e.target.value && bind({ kind: 'external', recordedBy: e.target.value })}
            >
              {positionOptions}
            </select>
          </label>
        )}
        {lane.kind === 'unbound' && pending && (
          <p className="hint" data-testid="lane-unbound-hint">
            {t('inspector.chooseHint')}
          </p>
        )}
      </fieldset>
      <div className="inspector-actions">
        <button
          type="button"
          disabled={index <= 0}
          onClick={() => dispatch({ type: 'lane.move', payload: { laneId: lane.id, toIndex: index - 1 } })}
        >
          {t('lane.moveLeft')}
        </button>
        <button
          type="button"
          disabled={index >= count - 1}
          onClick={() => dispatch({ type: 'lane.move', payload: { laneId: lane.id, toIndex: index + 1 } })}
        >
          {t('lane.moveRight')}
        </button>
        <button
          type="button"
          className="danger"
          data-testid="lane-remove"
          onClick={() => dispatch({ type: 'lane.remove', payload: { laneId: lane.id } })}
        >
          {t('lane.remove')}
        </button>
      </div>
    </div>
  );
}
