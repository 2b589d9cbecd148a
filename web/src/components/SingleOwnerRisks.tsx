import { useState } from 'react';
import { Link } from 'react-router';
import { useSingleOwnerRisks } from '../api/handoff';
import { useContacts, useMe, useMemberNames } from '../api/rapport';
import { formatDateTime } from '../lib/format';
import { ErrorNote } from './ErrorNote';
import { Pager } from './Pager';

/**
 * The people only one teammate has talked with this year: if that teammate leaves, the team loses the relationship.
 * As far as you may see them (never a teammate's private contact); a member who has left shows as a former teammate.
 */
export function SingleOwnerRisks() {
  const me = useMe();
  const names = useMemberNames();
  const [member, setMember] = useState<string>('');
  const [page, setPage] = useState(0);
  const risks = useSingleOwnerRisks(member || undefined, page);
  const items = risks.data?.items ?? [];
  const contacts = useContacts(items.map((r) => r.contactId!).filter(Boolean));
  const who = (id?: string) => (id === me.data?.id ? 'You' : names.get(id ?? '') || 'A former teammate');

  return (
    <section aria-labelledby="single-owner-risks-title">
      <h2 id="single-owner-risks-title">Single-owner risks</h2>
      <p className="hint">People only one of you has talked with in the last year, the longest silence first.</p>
      <label htmlFor="single-owner-member">Only known by</label>{' '}
      <select id="single-owner-member" value={member} onChange={(e) => { setMember(e.target.value); setPage(0); }}>
        <option value="">Anyone</option>
        {[...names.entries()].map(([id, name]) => <option key={id} value={id}>{id === me.data?.id ? `${name} (you)` : name}</option>)}
      </select>
      <ErrorNote error={risks.error} onRetry={() => risks.refetch()} />
      {risks.data && items.length === 0 && <p className="hint">Nobody is known by only one of you. Well kept.</p>}
      {items.length > 0 && (
        <table className="single-owner-risk">
          <caption className="visually-hidden">Single-owner risks</caption>
          <thead>
            <tr><th scope="col">Person</th><th scope="col">Only known by</th><th scope="col">Owner</th><th scope="col">Conversations</th><th scope="col">Last</th></tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.contactId}>
                <th scope="row"><Link to={`/contacts/${r.contactId}`}>{contacts.get(r.contactId!)?.displayName ?? 'Open'}</Link></th>
                <td>{who(r.memberId)}</td>
                <td>{who(r.ownerId)}</td>
                <td>{r.conversations}</td>
                <td>{formatDateTime(r.lastTalkedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} totalPages={risks.data?.totalPages} totalItems={risks.data?.totalItems} onPage={setPage} label="Single-owner risks pages" />
    </section>
  );
}
