import { useQuery } from '@tanstack/react-query';
import type { components } from './generated/interactions';
import { interactionsApi, unwrap } from './http';

export type Acquaintance = components['schemas']['Acquaintance'];
export type IntroductionPath = components['schemas']['IntroductionPath'];

const teamKnowledgeKeys = {
  knownBy: (contactId: string) => ['interactions', 'known-by', contactId] as const,
  introductions: (contactId: string) => ['interactions', 'introductions', contactId] as const,
};

/** The teammates who have talked with a contact, warmest first (interactions-service's authors). */
export function useKnownBy(contactId: string) {
  return useQuery({
    queryKey: teamKnowledgeKeys.knownBy(contactId),
    queryFn: () => unwrap(interactionsApi.GET('/api/contacts/{contactId}/known-by', { params: { path: { contactId } } })),
    staleTime: 30_000,
  });
}

/** Each teammate's best way to a contact, shortest and warmest first. */
export function useIntroductions(contactId: string) {
  return useQuery({
    queryKey: teamKnowledgeKeys.introductions(contactId),
    queryFn: () => unwrap(interactionsApi.GET('/api/contacts/{contactId}/introductions', { params: { path: { contactId }, query: { limit: 5 } } })),
    staleTime: 30_000,
  });
}

const LINKS: Record<NonNullable<IntroductionPath['link']>, (via: string) => string> = {
  DIRECT: () => 'knows them',
  INTRODUCED_THEM: (via) => `through ${via}, who introduced them`,
  THEY_INTRODUCED: (via) => `through ${via}, whom they introduced`,
  MET_TOGETHER: (via) => `through ${via}, who was in a conversation with them`,
};

/** One path in words: "Grace knows them" or "you, through Yann Example, whom they introduced". */
export function describePath(path: IntroductionPath, who: string, viaName: string | undefined): string {
  return `${who} ${LINKS[path.link ?? 'DIRECT'](viaName ?? 'a contact')}`;
}

/** "5 conversations, 2 in the last 90 days". */
export function describeAcquaintance(acquaintance: Acquaintance): string {
  const total = acquaintance.conversations ?? 0;
  const recent = acquaintance.conversationsLast90Days ?? 0;
  return `${total} ${total === 1 ? 'conversation' : 'conversations'}${recent ? `, ${recent} in the last 90 days` : ', none in the last 90 days'}`;
}
