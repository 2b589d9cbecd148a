import { useState } from 'react';
import { Link } from 'react-router';
import { useFollowUpToggle } from '../api/followUps';
import { useContacts, useMe, useTimeline, type Interaction } from '../api/rapport';
import { formatDate, formatDateTime, INTERACTION_TYPES, today } from '../lib/format';
import { ErrorNote } from './ErrorNote';
import { Pager } from './Pager';

/** A contact's conversations, newest first, with what was learned, the questions and the follow-ups. */
export function Timeline({ contactId }: { contactId: string }) {
  const [page, setPage] = useState(0);
  const timeline = useTimeline(contactId, page);
  const items = timeline.data?.items ?? [];
  const others = useContacts(items.flatMap((i) => i.participantIds ?? []).filter((id) => id !== contactId));
  if (timeline.isPending) return <p className="loading">Loading conversations…</p>;
  return (
    <>
      <ErrorNote error={timeline.error} onRetry={() => timeline.refetch()} />
      {items.length === 0 && <p className="empty">No conversation logged yet. Log the last one you had: Rapport starts from there.</p>}
      <ol className="timeline">
        {items.map((interaction) => (
          <li key={interaction.id}>
            <InteractionEntry interaction={interaction} names={others} contactId={contactId} />
          </li>
        ))}
      </ol>
      <Pager label="Conversation pages" page={page} totalPages={timeline.data?.totalPages} totalItems={timeline.data?.totalItems} onPage={setPage} />
    </>
  );
}

function InteractionEntry({ interaction, names, contactId }: { interaction: Interaction; names: Map<string, { displayName?: string }>; contactId: string }) {
  const me = useMe();
  const with_ = (interaction.participantIds ?? []).filter((id) => id !== contactId);
  return (
    <article className="entry" aria-label={`${INTERACTION_TYPES[interaction.type as keyof typeof INTERACTION_TYPES] ?? interaction.type} on ${formatDateTime(interaction.happenedAt)}`}>
      <header>
        <span className="badge">{INTERACTION_TYPES[interaction.type as keyof typeof INTERACTION_TYPES] ?? interaction.type}</span>{' '}
        <time dateTime={interaction.happenedAt}>{formatDateTime(interaction.happenedAt)}</time>
        {with_.length > 0 && (
          <span className="with"> · also with{' '}
            {with_.map((id, i) => (
              <span key={id}>{i > 0 && ', '}<Link to={`/contacts/${id}`}>{names.get(id)?.displayName ?? 'someone'}</Link></span>
            ))}
          </span>
        )}
        {interaction.authorId !== me.data?.id && <span className="hint"> · logged by a teammate</span>}
      </header>
      {interaction.summary && <p className="summary">{interaction.summary}</p>}
      {!!interaction.learned?.length && (
        <div><span className="label">Learned:</span><ul>{interaction.learned.map((l) => <li key={l}>{l}</li>)}</ul></div>
      )}
      {!!interaction.questions?.length && (
        <div><span className="label">To ask next time:</span><ul>{interaction.questions.map((q) => <li key={q}>{q}</li>)}</ul></div>
      )}
      {!!interaction.followUps?.length && (
        <div>
          <span className="label">Follow-ups:</span>
          <ul className="follow-up-list">
            {interaction.followUps.map((f) => <FollowUpItem key={f.id} interactionId={interaction.id!} followUp={f} />)}
          </ul>
        </div>
      )}
      {interaction.notes && <p className="notes"><span className="label">Your private notes:</span> {interaction.notes}</p>}
    </article>
  );
}

type FollowUp = NonNullable<Interaction['followUps']>[number];

/** One promise with its done / reopen switch. */
export function FollowUpItem({ interactionId, followUp }: { interactionId: string; followUp: FollowUp }) {
  const done = !!followUp.completedAt;
  const { shown, busy, error, flip } = useFollowUpToggle(interactionId, followUp.id!, done);
  const overdue = !done && followUp.dueOn && followUp.dueOn < today();
  return (
    <li className={shown ? 'done' : overdue ? 'overdue' : undefined}>
      <label>
        <input type="checkbox" checked={shown} disabled={busy} onChange={flip} />{' '}
        {followUp.owedBy === 'ME' ? 'I owe: ' : 'They owe: '}
        {followUp.text}
        {followUp.dueOn && <> — due {formatDate(followUp.dueOn)}{overdue && ' (overdue)'}</>}
      </label>
      <ErrorNote error={error} />
    </li>
  );
}
