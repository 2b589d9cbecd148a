import type { Contact, ContactDraft } from '../api/rapport';
import type { Tier } from './format';

/** A contact as the form edits it: strings for inputs, lists as rows. */
export interface ContactModel {
  displayName: string;
  givenName: string;
  familyName: string;
  company: string;
  title: string;
  location: string;
  email: string;
  phone: string;
  tags: string;
  interests: string;
  context: string;
  cadence: 'NONE' | 'DAYS' | Tier;
  cadenceDays: string;
  metPlace: string;
  metDate: string;
  metNote: string;
  introducedBy?: { id: string; name: string };
  dates: { kind: 'BIRTHDAY' | 'ANNIVERSARY' | 'CUSTOM'; label: string; month: string; day: string; year: string }[];
  visibility: 'PRIVATE' | 'TEAM';
}

export const emptyContact = (): ContactModel => ({
  displayName: '',
  givenName: '',
  familyName: '',
  company: '',
  title: '',
  location: '',
  email: '',
  phone: '',
  tags: '',
  interests: '',
  context: '',
  cadence: 'NONE',
  cadenceDays: '',
  metPlace: '',
  metDate: '',
  metNote: '',
  dates: [],
  visibility: 'PRIVATE',
});

const list = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);
const text = (value: string) => value.trim() || undefined;

/**
 * The form as the contacts API takes it. The first email and phone are edited here; any further ones the contact
 * has (from the API) are kept as they are.
 */
export function toDraft(model: ContactModel, base?: Contact): ContactDraft {
  const otherEmails = base?.emails?.slice(1) ?? [];
  const otherPhones = base?.phones?.slice(1) ?? [];
  const howWeMet = {
    place: text(model.metPlace),
    date: text(model.metDate),
    note: text(model.metNote),
    introducedBy: model.introducedBy?.id,
  };
  return {
    displayName: model.displayName.trim(),
    givenName: text(model.givenName),
    familyName: text(model.familyName),
    company: text(model.company),
    title: text(model.title),
    location: text(model.location),
    emails: model.email.trim()
      ? [{ address: model.email.trim(), label: base?.emails?.[0]?.label }, ...otherEmails]
      : otherEmails,
    phones: model.phone.trim() ? [{ number: model.phone.trim(), label: base?.phones?.[0]?.label }, ...otherPhones] : otherPhones,
    tags: list(model.tags),
    interests: list(model.interests),
    context: text(model.context),
    cadence:
      model.cadence === 'NONE'
        ? undefined
        : model.cadence === 'DAYS'
          ? { days: Number(model.cadenceDays) || 0 }
          : { tier: model.cadence },
    howWeMet: Object.values(howWeMet).some((v) => v !== undefined) ? howWeMet : undefined,
    importantDates: model.dates.map((d) => ({
      kind: d.kind,
      label: text(d.label),
      month: Number(d.month),
      day: Number(d.day),
      year: d.year.trim() ? Number(d.year) : undefined,
    })),
    visibility: model.visibility,
  };
}

/** The editable part of a stored contact, as the form shows it. */
export function fromContact(contact: Contact, introducerName?: string): ContactModel {
  return {
    displayName: contact.displayName ?? '',
    givenName: contact.givenName ?? '',
    familyName: contact.familyName ?? '',
    company: contact.company ?? '',
    title: contact.title ?? '',
    location: contact.location ?? '',
    email: contact.emails?.[0]?.address ?? '',
    phone: contact.phones?.[0]?.number ?? '',
    tags: (contact.tags ?? []).join(', '),
    interests: (contact.interests ?? []).join(', '),
    context: contact.context ?? '',
    cadence: contact.cadence?.tier ? (contact.cadence.tier as Tier) : contact.cadence?.days ? 'DAYS' : 'NONE',
    cadenceDays: contact.cadence?.days && !contact.cadence.tier ? String(contact.cadence.days) : '',
    metPlace: contact.howWeMet?.place ?? '',
    metDate: contact.howWeMet?.date ?? '',
    metNote: contact.howWeMet?.note ?? '',
    introducedBy: contact.howWeMet?.introducedBy
      ? { id: contact.howWeMet.introducedBy, name: introducerName ?? 'a contact' }
      : undefined,
    dates: (contact.importantDates ?? []).map((d) => ({
      kind: (d.kind ?? 'CUSTOM') as ContactModel['dates'][number]['kind'],
      label: d.label ?? '',
      month: d.month ? String(d.month) : '',
      day: d.day ? String(d.day) : '',
      year: d.year ? String(d.year) : '',
    })),
    visibility: (contact.visibility ?? 'PRIVATE') as ContactModel['visibility'],
  };
}

/** The fields of the form that a problem's `errors[].field` may name, to tell which are shown next to inputs. */
export const CONTACT_FIELDS = [
  'displayName', 'givenName', 'familyName', 'company', 'title', 'location', 'emails', 'phones', 'tags', 'interests',
  'context', 'cadence', 'howWeMet', 'importantDates', 'visibility',
];
