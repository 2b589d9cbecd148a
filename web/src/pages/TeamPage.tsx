import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { gatewayApi, unwrap } from '../api/http';
import { ApiError } from '../api/problem';
import { isAdmin, keys, useMe, type Member } from '../api/rapport';
import { ErrorNote, fieldError } from '../components/ErrorNote';
import { Field } from '../components/Field';
import { HandOver } from '../components/HandOver';
import { SingleOwnerRisks } from '../components/SingleOwnerRisks';
import { formatDate } from '../lib/format';
import { useTitle } from '../lib/title';

/**
 * Team members: everyone sees who is on the team and whom only one of you knows; admins add, change roles, remove and
 * hand relationships over; operators create teams.
 */
export function TeamPage() {
  useTitle('Team');
  const me = useMe();
  const admin = isAdmin(me.data);
  const members = useQuery({
    queryKey: keys.members,
    queryFn: () => unwrap(gatewayApi.GET('/api/team/members')),
    enabled: admin,
  });
  return (
    <div className="page">
      <h1>Team</h1>
      {!admin && <p>Your team's admins add and remove members. Your own access tokens and password are under <a href="/account">your account</a>.</p>}
      {admin && (
        <>
          <ErrorNote error={members.error} onRetry={() => members.refetch()} />
          <table className="members">
            <caption className="visually-hidden">Members</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Since</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {(members.data ?? []).map((m) => <MemberRow key={m.id} member={m} self={m.id === me.data?.id} />)}
            </tbody>
          </table>
          <AddMember />
          <HandOver members={members.data ?? []} meId={me.data?.id} />
        </>
      )}
      <SingleOwnerRisks />
      {me.data?.roles?.includes('operator') && <CreateTeam />}
    </div>
  );
}

function MemberRow({ member, self }: { member: Member; self: boolean }) {
  const client = useQueryClient();
  const role = member.roles?.includes('admin') ? 'ADMIN' : 'MEMBER';
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: (next: 'ADMIN' | 'MEMBER') =>
      unwrap(gatewayApi.PUT('/api/team/members/{id}/role', { params: { path: { id: member.id! } }, body: { role: next } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.members }),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(gatewayApi.DELETE('/api/team/members/{id}', { params: { path: { id: member.id! } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.members }),
  });
  return (
    <tr>
      <th scope="row">{member.displayName}{self && ' (you)'}</th>
      <td>{member.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${member.id}`}>Role of {member.displayName}</label>
        <select id={`role-${member.id}`} value={role} disabled={change.isPending} onChange={(e) => change.mutate(e.target.value as 'ADMIN' | 'MEMBER')}>
          <option value="ADMIN">Admin</option>
          <option value="MEMBER">Member</option>
        </select>
        <ErrorNote error={change.error} />
      </td>
      <td>{formatDate(member.createdAt?.slice(0, 10))}</td>
      <td>
        {!self && (confirming ? (
          <span className="buttons">
            <button type="button" className="danger-button" onClick={() => remove.mutate()} disabled={remove.isPending}>Remove {member.displayName}</button>
            <button type="button" onClick={() => setConfirming(false)}>Keep</button>
          </span>
        ) : (
          <button type="button" onClick={() => setConfirming(true)} aria-label={`Remove ${member.displayName}…`}>Remove…</button>
        ))}
        <ErrorNote error={remove.error} />
      </td>
    </tr>
  );
}

function AddMember() {
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<'ADMIN' | 'MEMBER'>('MEMBER');
  const add = useMutation({
    mutationFn: () => unwrap(gatewayApi.POST('/api/team/members', { body: { email: email.trim(), displayName: name.trim(), role } })),
    onSuccess: () => {
      setEmail('');
      setName('');
      client.invalidateQueries({ queryKey: keys.members });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }
  return (
    <section aria-labelledby="add-member-title">
      <h2 id="add-member-title">Add a member</h2>
      <form onSubmit={submit} noValidate>
        <div className="row">
          <Field label="Name" error={fieldError(add.error, 'displayName')}>
            {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Email" error={fieldError(add.error, 'email')}>
            {(props) => <input {...props} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label="Role">
            {(props) => (
              <select {...props} value={role} onChange={(e) => setRole(e.target.value as 'ADMIN' | 'MEMBER')}>
                <option value="MEMBER">Member</option>
                <option value="ADMIN">Admin</option>
              </select>
            )}
          </Field>
        </div>
        <ErrorNote error={add.error} shownFields={['displayName', 'email']} />
        <button type="submit" className="primary" disabled={add.isPending}>Add member</button>
      </form>
      {add.data?.temporaryPassword && (
        <div className="secret" role="status">
          <p>
            {add.data.member?.displayName} can sign in as <strong>{add.data.member?.email}</strong> with this temporary password,
            shown only now. They choose their own under their account.
          </p>
          <code>{add.data.temporaryPassword}</code>
        </div>
      )}
    </section>
  );
}

function CreateTeam() {
  const [name, setName] = useState('');
  const [adminName, setAdminName] = useState('');
  const [adminEmail, setAdminEmail] = useState('');
  const create = useMutation({
    mutationFn: () =>
      unwrap(gatewayApi.POST('/api/teams', { body: { name: name.trim(), admin: { displayName: adminName.trim(), email: adminEmail.trim() } } })),
  });
  const err = (field: string) => fieldError(create.error, field);
  return (
    <section aria-labelledby="create-team-title">
      <h2 id="create-team-title">Create a team</h2>
      <p className="hint">As this deployment's operator you can create teams; each starts with its own admin and sees only its own data.</p>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate(); }} noValidate>
        <div className="row">
          <Field label="Team name" error={err('name')}>
            {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="Its admin's name" error={err('admin.displayName')}>
            {(props) => <input {...props} value={adminName} onChange={(e) => setAdminName(e.target.value)} />}
          </Field>
          <Field label="Its admin's email" error={err('admin.email')}>
            {(props) => <input {...props} type="email" value={adminEmail} onChange={(e) => setAdminEmail(e.target.value)} />}
          </Field>
        </div>
        <ErrorNote error={create.error} shownFields={['name', 'admin']} />
        <button type="submit" disabled={create.isPending}>Create team</button>
      </form>
      {create.data && (
        <div className="secret" role="status">
          <p>Team {create.data.team?.name} created. Its admin signs in as {create.data.admin?.member?.email}{create.data.admin?.temporaryPassword ? ' with this temporary password, shown only now:' : '.'}</p>
          {create.data.admin?.temporaryPassword && <code>{create.data.admin.temporaryPassword}</code>}
        </div>
      )}
      {create.error instanceof ApiError && create.error.status === 409 && <p className="hint">That email already belongs to a member.</p>}
    </section>
  );
}
