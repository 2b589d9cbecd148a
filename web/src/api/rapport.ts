import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { components as ContactsSchemas } from './generated/contacts';
import type { components as GatewaySchemas } from './generated/gateway';
import type { components as InteractionsSchemas } from './generated/interactions';
import type { components as RemindersSchemas } from './generated/reminders';
import { contactsApi, etagVersion, gatewayApi, interactionsApi, remindersApi, timeZone, unwrap } from './http';
import { toApiError } from './problem';

export type Contact = ContactsSchemas['schemas']['Contact'];
export type ContactDraft = ContactsSchemas['schemas']['ContactDraft'];
export type ContactPage = ContactsSchemas['schemas']['PageResponseContact'];
export type Interaction = InteractionsSchemas['schemas']['Interaction'];
export type InteractionDraft = InteractionsSchemas['schemas']['InteractionDraft'];
export type FollowUpDraft = InteractionsSchemas['schemas']['FollowUpDraft'];
export type LedgerEntry = InteractionsSchemas['schemas']['LedgerEntry'];
export type Agenda = RemindersSchemas['schemas']['Agenda'];
export type AgendaItem = RemindersSchemas['schemas']['AgendaItem'];
export type Plan = RemindersSchemas['schemas']['Plan'];
export type Relationship = RemindersSchemas['schemas']['RelationshipView'];
export type Member = GatewaySchemas['schemas']['MemberView'];
export type Token = GatewaySchemas['schemas']['TokenView'];

export interface ContactQuery {
  q?: string;
  tag?: string;
  tier?: 'INNER_CIRCLE' | 'CLOSE' | 'NETWORK' | 'ACQUAINTANCE';
  archived?: 'ACTIVE' | 'ARCHIVED' | 'ALL';
  sort?: 'RELEVANCE' | 'NAME' | 'RECENTLY_UPDATED' | 'RECENTLY_CREATED';
  page?: number;
  size?: number;
}

/** Query keys by owner, so a write invalidates what it changed and nothing else. */
export const keys = {
  me: ['me'] as const,
  contacts: ['contacts'] as const,
  contactList: (query: ContactQuery) => ['contacts', 'list', query] as const,
  contact: (id: string) => ['contacts', 'one', id] as const,
  timeline: (id: string, page: number) => ['interactions', 'timeline', id, page] as const,
  interactions: ['interactions'] as const,
  ledger: ['interactions', 'ledger'] as const,
  agenda: ['reminders', 'agenda'] as const,
  reminders: ['reminders'] as const,
  relationships: ['relationships'] as const,
  relationship: (id: string) => ['relationships', 'one', id] as const,
  relationshipList: (state: string | undefined, page: number) => ['relationships', 'list', state ?? 'ALL', page] as const,
  members: ['team', 'members'] as const,
  tokens: ['me', 'tokens'] as const,
};

export const meQuery = queryOptions({
  queryKey: keys.me,
  queryFn: () => unwrap(gatewayApi.GET('/api/me')),
  staleTime: 60_000,
});

export function useMe() {
  return useQuery(meQuery);
}

/** The team's members' names by id, for authors and teammates named by other services. */
export function useMemberNames(): Map<string, string> {
  const members = useQuery({ queryKey: keys.members, queryFn: () => unwrap(gatewayApi.GET('/api/team/members')), staleTime: 60_000 });
  return new Map((members.data ?? []).map((m) => [m.id ?? '', m.displayName ?? '']));
}

export function isAdmin(member?: Member): boolean {
  return member?.roles?.includes('admin') ?? false;
}

/** A contact with the version its ETag names, for If-Match. */
export interface VersionedContact {
  contact: Contact;
  version: number;
}

export function contactQuery(id: string) {
  return queryOptions({
    queryKey: keys.contact(id),
    queryFn: async (): Promise<VersionedContact> => {
      const { data, error, response } = await contactsApi.GET('/api/contacts/{id}', { params: { path: { id } } });
      if (!response.ok || !data) throw await toApiError(response, error);
      return { contact: data, version: etagVersion(response) ?? data.version ?? 0 };
    },
    staleTime: 30_000,
  });
}

export function useContact(id: string | undefined) {
  return useQuery({ ...contactQuery(id ?? ''), enabled: !!id });
}

/**
 * Several contacts by id (participants' names, context on cards) in one call per fifty (`GET /api/contacts?id=`: fifty ids keep the URL well under the gateway's 4,096 characters):
 * ids the caller may not see, or that were erased, are simply absent.
 */
export function useContacts(ids: string[]) {
  const unique = [...new Set(ids)].sort();
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 50) chunks.push(unique.slice(i, i + 50));
  return useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: [...keys.contacts, 'byId', chunk],
      queryFn: () => unwrap(contactsApi.GET('/api/contacts', { params: { query: { id: chunk, size: 100 } } })),
      staleTime: 30_000,
    })),
    combine: (results) => {
      const byId = new Map<string, Contact>();
      for (const result of results) for (const contact of result.data?.items ?? []) if (contact.id) byId.set(contact.id, contact);
      return byId;
    },
  });
}

export function useContactSearch(query: ContactQuery) {
  return useQuery({
    queryKey: keys.contactList(query),
    queryFn: ({ signal }) =>
      unwrap(
        contactsApi.GET('/api/contacts', {
          params: { query: { ...query, q: query.q?.trim() || undefined } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

export interface LedgerQuery {
  owedBy?: 'ME' | 'THEM';
  status?: 'OPEN' | 'COMPLETED' | 'ALL';
  contactId?: string;
  page?: number;
  size?: number;
}

/** The caller's follow-ups (what I owe, what is owed to me), overdue first, "today" in the browser's zone. */
export function useLedger(query: LedgerQuery) {
  return useQuery({
    queryKey: [...keys.ledger, query],
    queryFn: () => unwrap(interactionsApi.GET('/api/follow-ups', { params: { query: { ...query, tz: timeZone } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAgenda() {
  return useQuery({
    queryKey: keys.agenda,
    queryFn: () => unwrap(remindersApi.GET('/api/reminders', { params: { query: { tz: timeZone } } })),
    refetchOnWindowFocus: true,
  });
}

/**
 * A contact reaches reminders-service by event, moments after contacts-service answered: while reminders-service
 * has not heard of it (404), or its relationship still reflects a version older than the one the page shows (an
 * edit just saved), ask again soon; otherwise not at all.
 */
export function relationshipRefetchInterval(
  state: { error: unknown; data: Relationship | undefined },
  contactVersion: number | undefined,
): number | false {
  if ((state.error as { status?: number } | null)?.status === 404) return 2000;
  if (contactVersion !== undefined && state.data && (state.data.contactVersion ?? 0) < contactVersion) return 1000;
  return false;
}

/** One contact's relationship, asked again until it reflects `contactVersion` of the contact (when given). */
export function useRelationship(contactId: string, contactVersion?: number) {
  return useQuery({
    queryKey: keys.relationship(contactId),
    queryFn: () => unwrap(remindersApi.GET('/api/relationships/{contactId}', { params: { path: { contactId } } })),
    retry: (failures, error) => failures < 3 && (error as { status?: number }).status !== 404,
    refetchInterval: (query) => relationshipRefetchInterval(query.state, contactVersion),
  });
}

export function useTimeline(contactId: string, page: number) {
  return useQuery({
    queryKey: keys.timeline(contactId, page),
    queryFn: () =>
      unwrap(
        interactionsApi.GET('/api/contacts/{contactId}/interactions', {
          params: { path: { contactId }, query: { page, size: 10 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
