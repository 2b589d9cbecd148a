import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from './generated/contacts';
import { contactsApi, unwrap } from './http';
import { keys } from './rapport';

export type DuplicatePair = components['schemas']['Pair'];
export type DuplicateMatch = components['schemas']['Match'];

const REASONS: Record<NonNullable<DuplicateMatch['reason']>, string> = {
  SAME_EMAIL: 'Same email',
  SAME_PHONE: 'Same phone',
  SIMILAR_NAME_SAME_COMPANY: 'Same name and company',
};

/**
 * Why two contacts look like one person, in words: "Same email ada@example.com · Same phone +12125550101". A name and
 * company match is said without its value (the normalised words, which both cards show as written anyway).
 */
export function describeMatches(matches: DuplicateMatch[] = []): string {
  return matches
    .map((match) => {
      if (!match.reason) return 'Similar';
      return match.reason === 'SIMILAR_NAME_SAME_COMPANY' ? REASONS[match.reason] : [REASONS[match.reason], match.value].filter(Boolean).join(' ');
    })
    .join(' · ');
}

const duplicateKeys = {
  all: [...keys.contacts, 'duplicates'] as const,
  page: (page: number) => [...keys.contacts, 'duplicates', page] as const,
};

export function useDuplicates(page: number) {
  return useQuery({
    queryKey: duplicateKeys.page(page),
    queryFn: () => unwrap(contactsApi.GET('/api/contacts/duplicates', { params: { query: { page, size: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Merges `duplicateId` into `survivorId` (safe to send again: a merge already done changes nothing). Everything read
 * about contacts, conversations and relationships may have changed with it, so all of it is read again.
 */
export function useMerge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ survivorId, duplicateId }: { survivorId: string; duplicateId: string }) =>
      unwrap(
        contactsApi.POST('/api/contacts/{id}/merge', {
          params: { path: { id: survivorId } },
          body: { duplicateId },
        }),
      ),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.contacts });
      client.invalidateQueries({ queryKey: keys.interactions });
      client.invalidateQueries({ queryKey: keys.relationships });
      client.invalidateQueries({ queryKey: keys.reminders });
    },
  });
}
