import { useContacts, useLedger, type LedgerQuery } from '../api/rapport';
import { LedgerRow } from '../components/LedgerRow';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

type Owed = LedgerQuery['owedBy'];
type Status = NonNullable<LedgerQuery['status']>;

const OWED: [Owed, string][] = [[undefined, 'Both ways'], ['ME', 'What I owe'], ['THEM', 'What is owed to me']];
const STATUSES: [Status, string][] = [['OPEN', 'Open'], ['COMPLETED', 'Done'], ['ALL', 'All']];

/** The commitment ledger: follow-ups from the conversations you logged, overdue first. */
export function PromisesPage() {
  useTitle('Promises');
  const [params, set] = useQueryParams();
  const owedBy = (params.get('owedBy') || undefined) as Owed;
  const status = (params.get('status') || 'OPEN') as Status;
  const page = Number(params.get('page') ?? 0) || 0;
  const ledger = useLedger({ owedBy, status, page, size: 25 });
  const items = ledger.data?.items ?? [];
  const names = useContacts(items.flatMap((e) => e.participantIds ?? []));
  return (
    <div className="page">
      <h1>Promises</h1>
      <p className="lede">What you promised and what was promised to you, overdue first.</p>
      <div className="tabs" role="group" aria-label="Who owes it">
        {OWED.map(([value, label]) => (
          <button key={label} type="button" aria-pressed={owedBy === value} onClick={() => set({ owedBy: value })}>{label}</button>
        ))}
      </div>
      <div className="tabs" role="group" aria-label="Which">
        {STATUSES.map(([value, label]) => (
          <button key={value} type="button" aria-pressed={status === value} onClick={() => set({ status: value === 'OPEN' ? undefined : value })}>{label}</button>
        ))}
      </div>
      <ErrorNote error={ledger.error} onRetry={() => ledger.refetch()} />
      {ledger.data && items.length === 0 && (
        <p className="empty">
          {status === 'OPEN' ? 'No open promises. When you log a conversation, add what you or they will do next as a follow-up.' : 'Nothing here.'}
        </p>
      )}
      <ul className="ledger">
        {items.map((entry) => <LedgerRow key={entry.followUpId} entry={entry} names={names} />)}
      </ul>
      <Pager label="Promise pages" page={page} totalPages={ledger.data?.totalPages} totalItems={ledger.data?.totalItems}
        onPage={(p) => set({ page: p ? String(p) : undefined })} />
    </div>
  );
}
