import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/problem';
import type { ContactModel } from '../lib/contactModel';
import { TIERS } from '../lib/format';
import { ContactPicker } from './ContactPicker';
import { ErrorNote, fieldError } from './ErrorNote';
import { Field } from './Field';

/**
 * The contact form: what matters first (name, company, how often to keep in touch, what is going on in their
 * life), the rest folded away. The server's field errors appear next to their field; nothing typed is lost.
 */
export function ContactForm({
  value,
  onChange,
  onSubmit,
  error,
  pending,
  submitLabel,
  extraButtons,
  canChangeVisibility = true,
  startExpanded = false,
}: {
  value: ContactModel;
  onChange: (next: ContactModel) => void;
  onSubmit: () => void;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  extraButtons?: ReactNode;
  canChangeVisibility?: boolean;
  startExpanded?: boolean;
}) {
  const [more, setMore] = useState(startExpanded);
  const set = <K extends keyof ContactModel>(key: K, v: ContactModel[K]) => onChange({ ...value, [key]: v });
  const err = (field: string) => fieldError(error, field);
  const under = (prefix: string) => (error instanceof ApiError ? Object.values(error.fieldErrorsUnder(prefix))[0] : undefined);
  const foldedError = ['givenName', 'familyName', 'location', 'phones', 'interests', 'howWeMet', 'importantDates', 'visibility']
    .some((f) => error instanceof ApiError && error.problem.errors?.some((e) => e.field.startsWith(f)));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  const setDate = (i: number, change: Partial<ContactModel['dates'][number]>) =>
    set('dates', value.dates.map((d, j) => (j === i ? { ...d, ...change } : d)));

  return (
    <form onSubmit={submit} noValidate className="contact-form">
      <Field label="Name" error={err('displayName')}>
        {(props) => <input {...props} value={value.displayName} required maxLength={200} autoComplete="off" onChange={(e) => set('displayName', e.target.value)} />}
      </Field>
      <div className="row">
        <Field label="Company" error={err('company')}>
          {(props) => <input {...props} value={value.company} onChange={(e) => set('company', e.target.value)} />}
        </Field>
        <Field label="Title" error={err('title')}>
          {(props) => <input {...props} value={value.title} onChange={(e) => set('title', e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <Field label="Email" error={under('emails[0].')}>
          {(props) => <input {...props} type="email" value={value.email} onChange={(e) => set('email', e.target.value)} />}
        </Field>
        <Field label="Tags" hint="Separated by commas" error={under('tags')}>
          {(props) => <input {...props} value={value.tags} onChange={(e) => set('tags', e.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <Field label="Keep in touch" error={err('cadence') ?? under('cadence.')}
          hint="Rapport nudges you when it has been longer. Without a choice it learns your rhythm from your conversations.">
          {(props) => (
            <select {...props} value={value.cadence} onChange={(e) => set('cadence', e.target.value as ContactModel['cadence'])}>
              <option value="NONE">Learn from our conversations</option>
              {Object.entries(TIERS).map(([tier, label]) => <option key={tier} value={tier}>{label}</option>)}
              <option value="DAYS">Every … days</option>
            </select>
          )}
        </Field>
        {value.cadence === 'DAYS' && (
          <Field label="Every how many days" error={err('cadence.days')}>
            {(props) => <input {...props} type="number" min={1} max={3650} value={value.cadenceDays} onChange={(e) => set('cadenceDays', e.target.value)} />}
          </Field>
        )}
      </div>
      <Field label="What is going on in their life" error={err('context')} hint="A move, a new job, a child, a project: what to ask about.">
        {(props) => <textarea {...props} rows={3} value={value.context} onChange={(e) => set('context', e.target.value)} />}
      </Field>
      <button type="button" className="link" aria-expanded={more || foldedError} aria-controls="contact-more" onClick={() => setMore((m) => !m)}>
        {more || foldedError ? 'Fewer fields' : 'More: how you met, dates, phone, interests, sharing'}
      </button>
      <div id="contact-more" hidden={!(more || foldedError)}>
        <div className="row">
          <Field label="Given name" error={err('givenName')}>
            {(props) => <input {...props} value={value.givenName} onChange={(e) => set('givenName', e.target.value)} />}
          </Field>
          <Field label="Family name" error={err('familyName')}>
            {(props) => <input {...props} value={value.familyName} onChange={(e) => set('familyName', e.target.value)} />}
          </Field>
        </div>
        <div className="row">
          <Field label="Phone" error={under('phones[0].')}>
            {(props) => <input {...props} type="tel" value={value.phone} onChange={(e) => set('phone', e.target.value)} />}
          </Field>
          <Field label="Location" error={err('location')}>
            {(props) => <input {...props} value={value.location} onChange={(e) => set('location', e.target.value)} />}
          </Field>
        </div>
        <Field label="Interests" hint="Separated by commas" error={under('interests')}>
          {(props) => <input {...props} value={value.interests} onChange={(e) => set('interests', e.target.value)} />}
        </Field>
        <fieldset>
          <legend>How you met</legend>
          <div className="row">
            <Field label="Where" error={err('howWeMet.place')}>
              {(props) => <input {...props} value={value.metPlace} onChange={(e) => set('metPlace', e.target.value)} />}
            </Field>
            <Field label="When" error={err('howWeMet.date')}>
              {(props) => <input {...props} type="date" value={value.metDate} onChange={(e) => set('metDate', e.target.value)} />}
            </Field>
          </div>
          <Field label="Introduced by" error={err('howWeMet.introducedBy')}>
            {(props) => (
              <ContactPicker
                inputId={props.id}
                describedBy={props['aria-describedby']}
                value={value.introducedBy ? [value.introducedBy] : []}
                onChange={(people) => {
                  const last = people.filter((p) => p.id).at(-1);
                  set('introducedBy', last?.id ? { id: last.id, name: last.name } : undefined);
                }}
              />
            )}
          </Field>
          <Field label="Note" error={err('howWeMet.note')}>
            {(props) => <input {...props} value={value.metNote} onChange={(e) => set('metNote', e.target.value)} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Important dates</legend>
          {value.dates.map((d, i) => {
            const errors = error instanceof ApiError ? error.fieldErrorsUnder(`importantDates[${i}].`) : {};
            const whole = err(`importantDates[${i}]`);
            return (
              <div className="row date-row" key={i}>
                <Field label="Kind" error={errors.kind}>
                  {(props) => (
                    <select {...props} value={d.kind} onChange={(e) => setDate(i, { kind: e.target.value as ContactModel['dates'][number]['kind'] })}>
                      <option value="BIRTHDAY">Birthday</option>
                      <option value="ANNIVERSARY">Anniversary</option>
                      <option value="CUSTOM">Other</option>
                    </select>
                  )}
                </Field>
                <Field label="Label" error={errors.label}>
                  {(props) => <input {...props} value={d.label} onChange={(e) => setDate(i, { label: e.target.value })} />}
                </Field>
                <Field label="Day" error={errors.day ?? whole}>
                  {(props) => <input {...props} type="number" min={1} max={31} value={d.day} onChange={(e) => setDate(i, { day: e.target.value })} />}
                </Field>
                <Field label="Month" error={errors.month}>
                  {(props) => <input {...props} type="number" min={1} max={12} value={d.month} onChange={(e) => setDate(i, { month: e.target.value })} />}
                </Field>
                <Field label="Year (optional)" error={errors.year}>
                  {(props) => <input {...props} type="number" value={d.year} onChange={(e) => setDate(i, { year: e.target.value })} />}
                </Field>
                <button type="button" className="link" aria-label={`Remove date ${i + 1}`} onClick={() => set('dates', value.dates.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </div>
            );
          })}
          <button type="button" onClick={() => set('dates', [...value.dates, { kind: 'BIRTHDAY', label: '', month: '', day: '', year: '' }])}>
            Add a date
          </button>
        </fieldset>
        {canChangeVisibility && (
          <Field label="Who sees this contact" error={err('visibility')}>
            {(props) => (
              <select {...props} value={value.visibility} onChange={(e) => set('visibility', e.target.value as ContactModel['visibility'])}>
                <option value="PRIVATE">Only me</option>
                <option value="TEAM">My whole team</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <ErrorNote error={error} shownFields={['displayName', 'company', 'title', 'emails', 'tags', 'cadence', 'context', 'givenName', 'familyName', 'phones', 'location', 'interests', 'howWeMet', 'importantDates', 'visibility']} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={pending}>{pending ? 'Saving…' : submitLabel}</button>
        {extraButtons}
      </div>
    </form>
  );
}
