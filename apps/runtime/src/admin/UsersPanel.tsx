import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../api/trpc.ts';
import { ActionsHeader, type Column, DataTable } from '../app/DataTable.tsx';
import { Field } from '../app/Field.tsx';
import { ErrorMessage, QueryStatus } from '../app/feedback.tsx';
import { usePositionName } from '../app/positions.ts';
import { CheckList } from './CheckList.tsx';

const PERMISSIONS = ['staff', 'leader', 'admin', 'designer'] as const;
type Permission = (typeof PERMISSIONS)[number];

type Access = { permissions: string[]; positions: string[] };

/** What a user may do and which positions they hold: the same two check lists on add and edit. */
function AccessChecks({ value, onChange }: { value: Access; onChange: (next: Access) => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const positions = useQuery(trpc.admin.positions.list.queryOptions());
  const permissionOptions = PERMISSIONS.map((p) => ({ value: p, label: t(`admin.perm_${p}`) }));
  const positionOptions = (positions.data ?? []).map((p) => ({
    value: p.key,
    label: `${p.name} (${p.key})`,
  }));
  return (
    <>
      <CheckList
        legend={t('admin.permissions')}
        options={permissionOptions}
        value={value.permissions}
        onChange={(permissions) => onChange({ ...value, permissions })}
      />
      <CheckList
        legend={t('admin.positions')}
        options={positionOptions}
        value={value.positions}
        onChange={(positions) => onChange({ ...value, positions })}
      />
    </>
  );
}

/** Users of the agency: list, add, change permissions/positions/active, reset a password. */
export function UsersPanel() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const positionName = usePositionName();
  const [editing, setEditing] = useState<string | null>(null);
  if (users.isPending || users.error) return <QueryStatus query={users} />;
  const columns: Column<(typeof users.data)[number]>[] = [
    { id: 'username', header: t('admin.username'), cell: (u) => u.username },
    { id: 'displayName', header: t('admin.displayName'), cell: (u) => u.displayName },
    {
      id: 'permissions',
      header: t('admin.permissions'),
      cell: (u) => u.permissions.map((p) => t(`admin.perm_${p}`)).join(', '),
    },
    { id: 'positions', header: t('admin.positions'), cell: (u) => u.positions.map(positionName).join(', ') },
    { id: 'active', header: t('admin.active'), cell: (u) => (u.active ? t('common.yes') : t('common.no')) },
    {
      id: 'edit',
      header: <ActionsHeader label={t('admin.edit')} />,
      cell: (u) => (
        <button type="button" className="btn btn-quiet" onClick={() => setEditing(u.id)}>
          {t('admin.edit')}
        </button>
      ),
    },
  ];
  return (
    <>
      <div className="table-wrap card">
        <DataTable columns={columns} rows={users.data} rowKey={(u) => u.id} testId="admin-users" />
      </div>
      {editing && (
        <EditUser
          key={editing}
          user={users.data.find((u) => u.id === editing)!}
          onClose={() => setEditing(null)}
        />
      )}
      <CreateUser />
    </>
  );
}

function CreateUser() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const empty = {
    username: '',
    displayName: '',
    password: '',
    permissions: ['staff'] as string[],
    positions: [] as string[],
  };
  const [form, setForm] = useState(empty);
  const create = useMutation(
    trpc.admin.users.create.mutationOptions({
      onSuccess: () => {
        setForm(empty);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.users.pathKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ ...form, permissions: form.permissions as Permission[] });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-user-h">
      <h2 id="add-user-h">{t('admin.addUser')}</h2>
      <div className="form-grid">
        <Field label={t('admin.username')}>
          <input
            data-testid="new-username"
            value={form.username}
            autoComplete="off"
            onChange={(e) => setForm({ ...form, username: e.target.value })}
            required
          />
        </Field>
        <Field label={t('admin.displayName')}>
          <input
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.target.value })}
            required
          />
        </Field>
        <Field label={t('admin.password')}>
          <input
            type="password"
            autoComplete="new-password"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
            required
          />
        </Field>
      </div>
      <AccessChecks value={form} onChange={(access) => setForm({ ...form, ...access })} />
      {create.error && <ErrorMessage error={create.error} />}
      {create.isSuccess && <p role="status">{t('common.saved')}</p>}
      <button type="submit" className="btn btn-primary" disabled={create.isPending}>
        {t('admin.addUser')}
      </button>
    </form>
  );
}

function EditUser({
  user,
  onClose,
}: {
  user: {
    id: string;
    username: string;
    displayName: string;
    active: boolean;
    permissions: string[];
    positions: string[];
  };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    displayName: user.displayName,
    active: user.active,
    permissions: user.permissions,
    positions: user.positions,
  });
  const [password, setPassword] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.pathKey() });
  const update = useMutation(trpc.admin.users.update.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(
    trpc.admin.users.resetPassword.mutationOptions({ onSuccess: () => setPassword('') }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ userId: user.id, ...form, permissions: form.permissions as Permission[] });
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="edit-user-h" data-testid="edit-user">
      <h2 id="edit-user-h">
        {t('admin.edit')}: {user.username}
      </h2>
      <Field label={t('admin.displayName')}>
        <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      </Field>
      <label className="toggle">
        <input
          type="checkbox"
          checked={form.active}
          onChange={(e) => setForm({ ...form, active: e.target.checked })}
        />
        <span>{t('admin.active')}</span>
      </label>
      <AccessChecks value={form} onChange={(access) => setForm({ ...form, ...access })} />
      {update.error && <ErrorMessage error={update.error} />}
      {update.isSuccess && <p role="status">{t('common.saved')}</p>}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="filter-bar" style={{ marginTop: '1rem' }}>
        <Field label={t('admin.newPassword')}>
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button
          type="button"
          className="btn"
          disabled={!password || reset.isPending}
          onClick={() => reset.mutate({ userId: user.id, password })}
        >
          {t('admin.resetPassword')}
        </button>
      </div>
      {reset.error && <ErrorMessage error={reset.error} />}
      {reset.isSuccess && <p role="status">{t('common.saved')}</p>}
    </form>
  );
}
