import { Link } from 'react-router';
import { useContacts, useMe, useMemberNames } from '../api/rapport';
import { describeAcquaintance, describePath, useIntroductions, useKnownBy } from '../api/teamKnowledge';
import { formatDateTime } from '../lib/format';
import { ErrorNote } from './ErrorNote';

/**
 * What only the team knows about this person: which teammates talk with them, how often and how lately, and who
 * could introduce you (directly, or through someone linked to them).
 */
export function TeamKnowledge({ contactId, name }: { contactId: string; name: string }) {
  const me = useMe();
  const names = useMemberNames();
  const knownBy = useKnownBy(contactId);
  const introductions = useIntroductions(contactId);
  const viaIds = (introductions.data ?? []).map((p) => p.via).filter((id): id is string => !!id);
  const viaContacts = useContacts(viaIds);
  const who = (memberId?: string) => (memberId === me.data?.id ? 'You' : names.get(memberId ?? '') || 'A former teammate');
  const members = knownBy.data?.members ?? [];
  const paths = (introductions.data ?? []).filter((p) => p.memberId !== me.data?.id || p.hops !== 1);

  return (
    <section aria-labelledby="team-knowledge-title">
      <h2 id="team-knowledge-title">Who in the team knows {name}</h2>
      <ErrorNote error={knownBy.error ?? introductions.error} onRetry={() => { knownBy.refetch(); introductions.refetch(); }} />
      {knownBy.data && members.length === 0 && <p className="hint">Nobody in the team has logged a conversation with them yet.</p>}
      <ul className="known-by">
        {members.map((m) => (
          <li key={m.memberId}>
            <span className="label">{who(m.memberId)}</span>{' '}
            <span className="hint">{describeAcquaintance(m)}; last {formatDateTime(m.lastTalkedAt)}</span>
          </li>
        ))}
      </ul>
      {introductions.data && (
        <>
          <h3>Who can introduce you</h3>
          {paths.length === 0 ? (
            <p className="hint">
              {members.some((m) => m.memberId === me.data?.id) ? 'You know them yourself; nobody else in the team has a way in yet.' : 'No warm way in through the team yet.'}
            </p>
          ) : (
            <ol className="introductions">
              {paths.map((p) => (
                <li key={`${p.memberId}-${p.via ?? ''}`}>
                  {p.via ? (
                    <>
                      {describePath(p, who(p.memberId), viaContacts.get(p.via)?.displayName)}{' '}
                      (<Link to={`/contacts/${p.via}`}>{viaContacts.get(p.via)?.displayName ?? 'open'}</Link>)
                    </>
                  ) : describePath(p, who(p.memberId), undefined)}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
