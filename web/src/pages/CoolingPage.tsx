import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { remindersApi, unwrap } from '../api/http';
import { keys } from '../api/rapport';
import { useComposer } from '../components/Composer';
import { ErrorNote } from '../components/ErrorNote';
import { Pager } from '../components/Pager';
import { formatDate, STATES } from '../lib/format';
import { useQueryParams } from '../lib/queryParams';
import { useTitle } from '../lib/title';

type State = keyof typeof STATES;

/** Who is cooling: the team's relationships you can see, coldest first, by state. */
export function CoolingPage() {
  useTitle('Who is cooling');
  const composer = useComposer();
  const [params, update] = useQueryParams();
  const state = (params.get('state') || undefined) as State | undefined;
  const page = Number(params.get('page') ?? 0) || 0;
  const list = useQuery({
    queryKey: keys.relationshipList(state, page),
    queryFn: () => unwrap(remindersApi.GET('/api/relationships', { params: { query: { state, page, size: 25 } } })),
  });
  const items = list.data?.items ?? [];
  const choose = (next?: State) => update({ state: next });
  return (
    <div className="page">
      <h1>Who is cooling</h1>
      <p className="lede">Everyone you keep in touch with, coldest first.</p>
      <div className="tabs" role="group" aria-label="Show">
        <button type="button" aria-pressed={!state} onClick={() => choose()}>Everyone</button>
        {(Object.keys(STATES) as State[]).map((s) => (
          <button key={s} type="button" aria-pressed={state === s} onClick={() => choose(s)}>{STATES[s]}</button>
        ))}
      </div>
      <ErrorNote error={list.error} onRetry={() => list.refetch()} />
      {list.data && items.length === 0 && (
        <p className="empty">{state ? `Nobody is ${STATES[state].toLowerCase()} right now.` : 'No relationships yet: add a contact and log a conversation.'}</p>
      )}
      <table className="relationships">
        <caption className="visually-hidden">Relationships, coldest first</caption>
        <thead>
          <tr><th scope="col">Who</th><th scope="col">State</th><th scope="col">Last talked</th><th scope="col">Rhythm</th><th scope="col">Next due</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.contactId}>
              <th scope="row"><Link to={`/contacts/${r.contactId}`}>{r.displayName}</Link></th>
              <td><span className={`state state-${r.state?.toLowerCase()}`}>{r.state ? STATES[r.state] : ''}</span></td>
              <td>{r.lastInteractionAt ? (r.daysSinceLastTouch === 0 ? 'today' : `${r.daysSinceLastTouch} days ago`) : 'never'}</td>
              <td>{r.cadenceDays ? `every ${r.cadenceDays} days${r.cadenceSource === 'LEARNED' ? ' (learned)' : ''}` : '—'}</td>
              <td>{r.nextDueOn ? formatDate(r.nextDueOn) : '—'}</td>
              <td>
                <button type="button" onClick={() => composer.open([{ id: r.contactId, name: r.displayName ?? '' }])}
                  aria-label={`Log a conversation with ${r.displayName}`}>Log</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager label="Relationship pages" page={page} totalPages={list.data?.totalPages} totalItems={list.data?.totalItems}
        onPage={(p) => update({ page: p ? String(p) : undefined })} />
    </div>
  );
}
