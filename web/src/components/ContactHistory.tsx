import { useContactHandoffs } from '../api/handoff';
import { useMe, useMemberNames } from '../api/rapport';
import { formatDateTime } from '../lib/format';
import { ErrorNote } from './ErrorNote';

/** Who owned this person before: each handoff, the latest first (shown once there is one). */
export function ContactHistory({ contactId }: { contactId: string }) {
  const me = useMe();
  const names = useMemberNames();
  const handoffs = useContactHandoffs(contactId);
  const who = (id?: string) => (id === me.data?.id ? 'you' : names.get(id ?? '') || 'a former teammate');
  if (handoffs.error) return <ErrorNote error={handoffs.error} onRetry={() => handoffs.refetch()} />;
  if (!handoffs.data?.length) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <ol className="handoffs">
        {handoffs.data.map((h) => (
          <li key={h.handoffId}>
            Handed over from {who(h.fromMemberId)} to {who(h.toMemberId)} by {who(h.byMemberId)}{' '}
            <span className="hint">{formatDateTime(h.handedOffAt)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
