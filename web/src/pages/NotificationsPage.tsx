import { useEffect, useState, type FormEvent } from 'react';
import { timeZone as browserTimeZone } from '../api/http';
import {
  WEEKDAYS,
  describeOutcome,
  describeSchedule,
  useCreateWebhook,
  useDeleteWebhook,
  useDigest,
  useSaveDigest,
  useTestDigest,
  useTestWebhook,
  useWebhookDeliveries,
  useWebhooks,
  weekdayName,
  type DigestSettings,
  type DigestUpdate,
  type NewWebhook,
  type Webhook,
} from '../api/notifications';
import { isAdmin, useMe } from '../api/rapport';
import { ErrorNote, fieldError } from '../components/ErrorNote';
import { Field } from '../components/Field';
import { formatDate, formatDateTime } from '../lib/format';
import { useTitle } from '../lib/title';

/** How Rapport reaches the member: the email digest (on by default) and, opt-in, webhooks; what each last did. */
export function NotificationsPage() {
  useTitle('Notifications');
  return (
    <div className="page narrow">
      <h1>Notifications</h1>
      <p className="lede">
        How Rapport tells you who to reach: a digest of your week by email, and webhooks for Slack, ntfy or your own tools.
      </p>
      <Digest />
      <Webhooks />
    </div>
  );
}

const zones: string[] = (() => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return Array.from(new Set(['UTC', browserTimeZone, ...supported]));
})();

function Digest() {
  const digest = useDigest();
  const save = useSaveDigest();
  const test = useTestDigest();
  const [draft, setDraft] = useState<DigestUpdate | undefined>();
  useEffect(() => {
    if (digest.data && !draft) setDraft(toDraft(digest.data));
  }, [digest.data, draft]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft) save.mutate(draft, { onSuccess: (saved) => setDraft(toDraft(saved)) });
  }
  const set = (change: Partial<DigestUpdate>) => {
    save.reset();
    setDraft((current) => (current ? { ...current, ...change } : current));
  };
  const settings = digest.data;
  return (
    <section aria-labelledby="digest-title">
      <h2 id="digest-title">Email digest</h2>
      <p className="hint">
        This week's plan — the people to reach, the follow-ups you owe, today's dates — with links to mark one done or
        snooze it a week straight from the mail.
      </p>
      <ErrorNote error={digest.error} onRetry={() => digest.refetch()} />
      {settings && (
        <p>
          {settings.email ? <>Sent to <strong>{settings.email}</strong>. </> : <>No address is known for you yet. </>}
          {describeSchedule(settings)}
          {settings.nextSendAt && settings.frequency !== 'OFF' && <>; the next one {formatDateTime(settings.nextSendAt)}</>}.
        </p>
      )}
      {draft && (
        <form onSubmit={submit} noValidate>
          <div className="row">
            <Field label="How often" error={fieldError(save.error, 'frequency')}>
              {(props) => (
                <select {...props} value={draft.frequency} onChange={(e) => set({ frequency: e.target.value as DigestUpdate['frequency'] })}>
                  <option value="WEEKLY">Weekly</option>
                  <option value="DAILY">Daily</option>
                  <option value="OFF">Off</option>
                </select>
              )}
            </Field>
            {draft.frequency === 'WEEKLY' && (
              <Field label="On" error={fieldError(save.error, 'weekday')}>
                {(props) => (
                  <select {...props} value={draft.weekday ?? 'MONDAY'} onChange={(e) => set({ weekday: e.target.value as DigestUpdate['weekday'] })}>
                    {WEEKDAYS.map((day) => <option key={day} value={day}>{weekdayName(day)}</option>)}
                  </select>
                )}
              </Field>
            )}
            {draft.frequency !== 'OFF' && (
              <Field label="At" error={fieldError(save.error, 'hour')}>
                {(props) => (
                  <select {...props} value={draft.hour} onChange={(e) => set({ hour: Number(e.target.value) })}>
                    {Array.from({ length: 24 }, (_, hour) => (
                      <option key={hour} value={hour}>{`${String(hour).padStart(2, '0')}:00`}</option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
          {draft.frequency !== 'OFF' && (
            <Field label="Time zone" error={fieldError(save.error, 'timeZone')}
              hint={draft.timeZone !== browserTimeZone ? `This browser is in ${browserTimeZone}.` : undefined}>
              {(props) => (
                <select {...props} value={draft.timeZone} onChange={(e) => set({ timeZone: e.target.value })}>
                  {(zones.includes(draft.timeZone ?? '') ? zones : [draft.timeZone ?? 'UTC', ...zones]).map((zone) => (
                    <option key={zone} value={zone}>{zone}</option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <ErrorNote error={save.error} shownFields={['frequency', 'weekday', 'hour', 'timeZone']} />
          {save.isSuccess && <p role="status">Saved. {describeSchedule(save.data)}.</p>}
          <div className="buttons">
            <button type="submit" className="primary" disabled={save.isPending}>Save digest settings</button>
            <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>Send me a test digest now</button>
          </div>
          <ErrorNote error={test.error} />
          {test.isSuccess && <p role="status">A test digest is on its way{settings?.email ? ` to ${settings.email}` : ''}.</p>}
        </form>
      )}
      {settings && <DigestDeliveries deliveries={settings.deliveries ?? []} />}
    </section>
  );
}

function toDraft(settings: DigestSettings): DigestUpdate {
  return {
    frequency: settings.frequency,
    weekday: settings.weekday ?? 'MONDAY',
    hour: settings.hour ?? 8,
    timeZone: settings.timeZone ?? browserTimeZone,
  };
}

function DigestDeliveries({ deliveries }: { deliveries: NonNullable<DigestSettings['deliveries']> }) {
  if (deliveries.length === 0) return <p className="empty">No digest sent yet.</p>;
  return (
    <table className="deliveries">
      <caption>Last digests</caption>
      <thead>
        <tr><th scope="col">For</th><th scope="col">Sent</th><th scope="col">People</th><th scope="col">Outcome</th></tr>
      </thead>
      <tbody>
        {deliveries.map((delivery) => (
          <tr key={delivery.id}>
            <td>{delivery.kind === 'TEST' ? 'Test' : `Week of ${formatDate(delivery.periodStart)}`}</td>
            <td>{delivery.sentAt ? formatDateTime(delivery.sentAt) : '—'}</td>
            <td>{delivery.entries ?? '—'}</td>
            <td>{describeOutcome(delivery, formatDateTime)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Webhooks() {
  const me = useMe();
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const blank: NewWebhook = { url: '', format: 'STANDARD', scope: 'MEMBER', description: '' };
  const [draft, setDraft] = useState<NewWebhook>(blank);
  const set = (change: Partial<NewWebhook>) => setDraft((current) => ({ ...current, ...change }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ ...draft, url: (draft.url ?? '').trim(), description: draft.description?.trim() || undefined },
      { onSuccess: () => setDraft(blank) });
  }
  const items = webhooks.data?.items ?? [];
  return (
    <section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="hint">
        Each nudge as it falls due, posted to a URL: signed the Standard Webhooks way (verify the <code>webhook-signature</code>
        header with the secret shown when you add it), or shaped for a Slack incoming webhook or an ntfy topic. Failed
        deliveries are retried with growing pauses for about an hour.
      </p>
      <ErrorNote error={webhooks.error} onRetry={() => webhooks.refetch()} />
      {webhooks.data && items.length === 0 && <p className="empty">No webhooks yet.</p>}
      <ul className="webhooks">
        {items.map((webhook) => <WebhookRow key={webhook.id} webhook={webhook} />)}
      </ul>
      <form onSubmit={submit} noValidate aria-labelledby="add-webhook-title">
        <h3 id="add-webhook-title">Add a webhook</h3>
        <Field label="URL" error={fieldError(create.error, 'url')} hint="https://… — addresses on private networks are refused.">
          {(props) => <input {...props} type="url" inputMode="url" value={draft.url} placeholder="https://hooks.slack.com/services/…"
            onChange={(e) => { create.reset(); set({ url: e.target.value }); }} />}
        </Field>
        <div className="row">
          <Field label="Format" error={fieldError(create.error, 'format')}>
            {(props) => (
              <select {...props} value={draft.format} onChange={(e) => set({ format: e.target.value as NewWebhook['format'] })}>
                <option value="STANDARD">Standard Webhooks (JSON)</option>
                <option value="SLACK">Slack</option>
                <option value="NTFY">ntfy</option>
              </select>
            )}
          </Field>
          {isAdmin(me.data) && (
            <Field label="For" error={fieldError(create.error, 'scope')}>
              {(props) => (
                <select {...props} value={draft.scope} onChange={(e) => set({ scope: e.target.value as NewWebhook['scope'] })}>
                  <option value="MEMBER">My nudges</option>
                  <option value="TEAM">The whole team's nudges</option>
                </select>
              )}
            </Field>
          )}
        </div>
        <Field label="Description" error={fieldError(create.error, 'description')}>
          {(props) => <input {...props} value={draft.description ?? ''} placeholder="#relationships channel"
            onChange={(e) => set({ description: e.target.value })} />}
        </Field>
        <ErrorNote error={create.error} shownFields={['url', 'format', 'scope', 'description']} />
        <button type="submit" disabled={create.isPending}>Add webhook</button>
      </form>
      {create.data?.secret && (
        <div className="secret" role="status">
          <p>Webhook added. Its signing secret, shown only now: keep it where your receiver can read it.</p>
          <code>{create.data.secret}</code>
          <button type="button" onClick={() => navigator.clipboard?.writeText(create.data.secret!)}>Copy</button>
        </div>
      )}
    </section>
  );
}

function WebhookRow({ webhook }: { webhook: Webhook }) {
  const remove = useDeleteWebhook();
  const test = useTestWebhook(webhook.id!);
  const deliveries = useWebhookDeliveries(webhook.id!);
  const label = webhook.description || webhook.url;
  return (
    <li aria-label={`Webhook ${label}`}>
      <p>
        <code>{webhook.url}</code>{' '}
        <span className="hint">
          {webhook.format === 'STANDARD' ? 'Standard Webhooks' : webhook.format === 'SLACK' ? 'Slack' : 'ntfy'}
          {webhook.scope === 'TEAM' ? ' · the whole team' : ''}
          {webhook.description ? ` · ${webhook.description}` : ''} · added {formatDate(webhook.createdAt?.slice(0, 10))}
        </span>
      </p>
      <div className="buttons">
        <button type="button" disabled={test.isPending} onClick={() => test.mutate()} aria-label={`Send a test to ${label}`}>
          Send a test
        </button>
        <button type="button" className="danger-button" disabled={remove.isPending} onClick={() => remove.mutate(webhook.id!)}
          aria-label={`Remove ${label}`}>
          Remove
        </button>
      </div>
      {test.isSuccess && <p role="status">Test queued: it shows below once tried.</p>}
      <ErrorNote error={test.error ?? remove.error} />
      <ErrorNote error={deliveries.error} onRetry={() => deliveries.refetch()} />
      {deliveries.data && (deliveries.data.items?.length ?? 0) === 0 && <p className="empty">Nothing delivered yet.</p>}
      {(deliveries.data?.items?.length ?? 0) > 0 && (
        <table className="deliveries">
          <caption>Last deliveries to {label}</caption>
          <thead>
            <tr><th scope="col">What</th><th scope="col">When</th><th scope="col">Outcome</th></tr>
          </thead>
          <tbody>
            {deliveries.data!.items!.map((delivery) => (
              <tr key={delivery.id}>
                <td>{delivery.eventType}</td>
                <td>{formatDateTime(delivery.deliveredAt ?? delivery.createdAt)}</td>
                <td>{describeOutcome(delivery, formatDateTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
