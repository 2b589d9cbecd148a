import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components as ContactsSchemas } from './generated/contacts';
import type { components as InteractionsSchemas } from './generated/interactions';
import { contactsApi, interactionsApi, unwrap } from './http';
import { idempotencyKey, shouldRetryKeyedWrite } from './idempotency';
import { keys } from './rapport';

export type SingleOwnerRisk = InteractionsSchemas['schemas']['SingleOwnerRisk'];
export type HandoffRequest = ContactsSchemas['schemas']['HandoffRequest'];
export type HandoffResult = ContactsSchemas['schemas']['HandoffResult'];
export type ContactHandoff = ContactsSchemas['schemas']['ContactHandoff'];

/** The most contacts one handoff takes (contacts-service's ContactHandoffs.MAX_CONTACTS). */
export const MAX_HANDOFF = 10_000;

const handoffKeys = {
  risks: (member: string | undefined, page: number) => [...keys.interactions, 'single-owner-risks', member ?? 'ALL', page] as const,
  history: (contactId: string) => [...keys.contacts, 'handoffs', contactId] as const,
};

/** The people only one teammate has talked with this year, the longest silence first (only those you may see). */
export function useSingleOwnerRisks(member: string | undefined, page: number, size = 20) {
  return useQuery({
    queryKey: [...handoffKeys.risks(member, page), size],
    queryFn: () =>
      unwrap(interactionsApi.GET('/api/interactions/single-owner-risks', { params: { query: { member, page, size } } })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** A contact's handoffs, the latest first. */
export function useContactHandoffs(contactId: string) {
  return useQuery({
    queryKey: handoffKeys.history(contactId),
    queryFn: () => unwrap(contactsApi.GET('/api/contacts/{id}/handoffs', { params: { path: { id: contactId } } })),
    staleTime: 30_000,
  });
}

/**
 * Hands relationships over (team admins). Sent with an Idempotency-Key made from the form's salt and the body, so a
 * resend of the same handoff (a retry, a second click after a lost answer) hands over once. Owners, reminders and
 * who may see what change with it, so contacts, relationships, reminders and team knowledge are read again.
 */
export function useHandoff(salt: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: HandoffRequest) =>
      unwrap(
        contactsApi.POST('/api/contacts/handoff', {
          body,
          params: { header: { 'Idempotency-Key': idempotencyKey(salt, body) } },
        }),
      ),
    retry: shouldRetryKeyedWrite,
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.contacts });
      client.invalidateQueries({ queryKey: keys.interactions });
      client.invalidateQueries({ queryKey: keys.relationships });
      client.invalidateQueries({ queryKey: keys.reminders });
    },
  });
}

/** The request for a handoff of everything `from` owns, or only `contactIds` (deduplicated) when some are picked. */
export function handoffRequest(from: string, to: string, contactIds?: string[]): HandoffRequest {
  return contactIds === undefined ? { fromMemberId: from, toMemberId: to } : { fromMemberId: from, toMemberId: to, contactIds: [...new Set(contactIds)] };
}

/** "Handed 3 contacts from Ada to Grace." / "Ada had no contacts to hand over." */
export function describeHandoff(result: HandoffResult, name: (memberId?: string) => string): string {
  const count = result.handedOff ?? 0;
  if (count === 0) return `${name(result.fromMemberId)} had no contacts to hand over.`;
  return `Handed ${count.toLocaleString('en')} ${count === 1 ? 'contact' : 'contacts'} from ${name(result.fromMemberId)} to ${name(result.toMemberId)}.`;
}

/**
 * The members a handoff may be from: the team's, and former teammates still named in the risks (as the one who
 * talked with someone, or as a contact's owner), whose relationships are the ones most at risk.
 */
export function handoffSources(members: { id?: string }[], risks: SingleOwnerRisk[]): string[] {
  const current = members.map((m) => m.id).filter((id): id is string => !!id);
  const former = new Set<string>();
  for (const risk of risks) {
    for (const id of [risk.memberId, risk.ownerId]) if (id && !current.includes(id)) former.add(id);
  }
  return [...current, ...[...former].sort()];
}
