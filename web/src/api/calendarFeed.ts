import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from './generated/reminders';
import { remindersApi, unwrap } from './http';
import { ApiError } from './problem';
import { keys } from './rapport';

export type CreatedFeed = components['schemas']['CreatedFeed'];

const feedKey = [...keys.reminders, 'calendar-feed'] as const;

/** The feed URL as a calendar application needs it: absolute, on the address Rapport is reached at. */
export function feedUrls(relative: string, origin: string): { https: string; webcal: string } {
  const https = new URL(relative, origin).toString();
  return { https, webcal: https.replace(/^https?:/, 'webcal:') };
}

/** Whether the member has a feed (null when not: the API's 404), when it was made and last fetched. */
export function useCalendarFeed() {
  return useQuery({
    queryKey: feedKey,
    queryFn: async () => {
      try {
        return await unwrap(remindersApi.GET('/api/reminders/calendar-feed'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Creates the feed, or replaces its URL (the old one stops working at once); the answer holds the URL, once. */
export function useCreateCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(remindersApi.POST('/api/reminders/calendar-feed')),
    onSuccess: () => client.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useRevokeCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(remindersApi.DELETE('/api/reminders/calendar-feed')),
    onSuccess: () => client.invalidateQueries({ queryKey: feedKey }),
  });
}
