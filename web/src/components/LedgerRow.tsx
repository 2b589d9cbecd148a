import { Link } from 'react-router';
import { useFollowUpToggle } from '../api/followUps';
import type { LedgerEntry } from '../api/rapport';
import { formatDate, formatDateTime, INTERACTION_TYPES } from '../lib/format';
import { ErrorNote } from './ErrorNote';

/** One promise of the ledger, with its done / reopen switch and where it came from. */
export function LedgerRow({ entry, names }: { entry: LedgerEntry; names: Map<string, { displayName?: string }> }) {
  const done = !!entry.completedAt;
  const { shown, busy, error, flip } = useFollowUpToggle(entry.interactionId!, entry.followUpId!, done);
  const people = (entry.participantIds ?? []).map((id) => ({ id, name: names.get(id)?.displayName }));
  return (
    <li className={shown ? 'done' : entry.overdue ? 'overdue' : undefined}>
      <label className="promise">
        <input type="checkbox" checked={shown} disabled={busy} onChange={flip} />
        <span>
          <span className="who">{entry.owedBy === 'ME' ? 'I owe' : 'Owed to me'}:</span> {entry.text}
        </span>
      </label>
      <span className="meta">
        {entry.dueOn ? <>due {formatDate(entry.dueOn)}</> : 'no due date'}
        {entry.overdue && <span className="badge overdue-badge">overdue</span>}
        {' · '}
        {people.map((p, i) => (
          <span key={p.id}>{i > 0 && ', '}<Link to={`/contacts/${p.id}`}>{p.name ?? 'a contact'}</Link></span>
        ))}
        {' · '}
        {INTERACTION_TYPES[entry.interactionType as keyof typeof INTERACTION_TYPES] ?? entry.interactionType} on {formatDateTime(entry.happenedAt)}
        {entry.summary && <>: {entry.summary}</>}
      </span>
      <ErrorNote error={error} />
    </li>
  );
}
