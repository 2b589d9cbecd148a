import { useMemo, useState } from 'react';
import { describeHandoff, handoffRequest, handoffSources, useHandoff, useSingleOwnerRisks } from '../api/handoff';
import { newRequestSalt } from '../api/idempotency';
import { ApiError } from '../api/problem';
import { useContacts, type Member } from '../api/rapport';
import { ErrorNote, fieldError } from './ErrorNote';

/**
 * For admins: make another member the owner of a member's relationships (one who leaves, or the only one who knows
 * them), all of them or those picked among the people only they know. Conversations keep their authors; each
 * contact's history says who handed it over.
 */
export function HandOver({ members, meId }: { members: Member[]; meId?: string }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [scope, setScope] = useState<'ALL' | 'SELECTED'>('ALL');
  const [picked, setPicked] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [salt, setSalt] = useState(newRequestSalt);
  const handoff = useHandoff(salt);
  const risks = useSingleOwnerRisks(undefined, 0, 100);
  const sources = handoffSources(members, risks.data?.items ?? []);
  const theirs = useMemo(() => (risks.data?.items ?? []).filter((r) => r.ownerId === from), [risks.data, from]);
  const contacts = useContacts(theirs.map((r) => r.contactId!));
  const name = (id?: string) => {
    const member = members.find((m) => m.id === id);
    if (!member) return `a former teammate (${(id ?? '').slice(0, 8)})`;
    return id === meId ? `${member.displayName} (you)` : member.displayName ?? 'a member';
  };
  const request = handoffRequest(from, to, scope === 'ALL' ? undefined : picked);
  const ready = !!from && !!to && from !== to && (scope === 'ALL' || picked.length > 0);
  const refused = handoff.error instanceof ApiError && handoff.error.status === 409
    ? ((handoff.error.problem as unknown as { contactIds?: string[] }).contactIds ?? []) : [];

  function reset() {
    setConfirming(false);
    setSalt(newRequestSalt());
  }

  return (
    <section aria-labelledby="hand-over-title">
      <h2 id="hand-over-title">Hand relationships over</h2>
      <p className="hint">
        When someone leaves, or is the only one who knows people, make another member their owner. Conversations keep
        their authors; open keep-in-touch and date reminders move to the new owner; private contacts become theirs.
      </p>
      <form onSubmit={(e) => { e.preventDefault(); if (ready) setConfirming(true); }} noValidate>
        <div className="row">
          <label htmlFor="handoff-from">From</label>{' '}
          <select id="handoff-from" value={from} onChange={(e) => { setFrom(e.target.value); setPicked([]); reset(); }} aria-invalid={!!fieldError(handoff.error, 'fromMemberId')}>
            <option value="">Choose a member</option>
            {sources.map((id) => <option key={id} value={id}>{name(id)}</option>)}
          </select>{' '}
          <label htmlFor="handoff-to">To</label>{' '}
          <select id="handoff-to" value={to} onChange={(e) => { setTo(e.target.value); reset(); }} aria-invalid={!!fieldError(handoff.error, 'toMemberId')}>
            <option value="">Choose a member</option>
            {members.filter((m) => m.id !== from).map((m) => <option key={m.id} value={m.id}>{name(m.id)}</option>)}
          </select>
        </div>
        <fieldset>
          <legend>Which relationships</legend>
          <label><input type="radio" name="handoff-scope" checked={scope === 'ALL'} onChange={() => { setScope('ALL'); reset(); }} /> All of their contacts</label>
          <label><input type="radio" name="handoff-scope" checked={scope === 'SELECTED'} onChange={() => { setScope('SELECTED'); reset(); }} /> Only those I pick</label>
          {scope === 'SELECTED' && (
            theirs.length === 0 ? <p className="hint">{from ? 'None of the people only one of you knows is theirs.' : 'Choose whom to hand over from first.'}</p> : (
              <ul className="handoff-picks">
                {theirs.map((r) => (
                  <li key={r.contactId}>
                    <label>
                      <input type="checkbox" checked={picked.includes(r.contactId!)} onChange={(e) => {
                        setPicked(e.target.checked ? [...picked, r.contactId!] : picked.filter((id) => id !== r.contactId));
                        reset();
                      }} />{' '}
                      {contacts.get(r.contactId!)?.displayName ?? r.contactId}
                    </label>
                  </li>
                ))}
              </ul>
            )
          )}
        </fieldset>
        {!confirming && <button type="submit" disabled={!ready}>Hand over…</button>}
      </form>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="hand-over-confirm">
          <p id="hand-over-confirm">
            Hand {scope === 'ALL' ? 'all of' : `${picked.length} of`} {name(from)}'s contacts to {name(to)}? {name(to)} becomes
            their owner; what was said stays as it was.
          </p>
          <span className="buttons">
            <button type="button" className="primary" disabled={handoff.isPending} onClick={() => handoff.mutate(request, { onSuccess: () => setConfirming(false) })}>
              Hand over
            </button>
            <button type="button" onClick={() => setConfirming(false)}>Cancel</button>
          </span>
        </div>
      )}
      <ErrorNote error={handoff.error} />
      {refused.length > 0 && <p className="hint">Not {name(from)}'s (anymore): {refused.length} of the contacts picked. Pick again.</p>}
      {handoff.data && <p role="status" className="notice">{describeHandoff(handoff.data, name)}</p>}
    </section>
  );
}
