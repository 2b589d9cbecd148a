import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from './generated/reminders';
import { remindersApi, unwrap } from './http';
import { idempotencyKey, newRequestSalt } from './idempotency';
import { keys } from './rapport';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The member's digest: how often, when, where to, and its last deliveries. */
export type DigestSettings = Json<paths['/api/notifications/digest']['get']['responses'][200]>;
export type DigestUpdate = NonNullable<paths['/api/notifications/digest']['put']['requestBody']>['content']['application/json'];
export type DigestDelivery = NonNullable<DigestSettings['deliveries']>[number];
export type Webhook = NonNullable<Json<paths['/api/notifications/webhooks']['get']['responses'][200]>['items']>[number];
export type NewWebhook = NonNullable<paths['/api/notifications/webhooks']['post']['requestBody']>['content']['application/json'];
export type CreatedWebhook = Json<paths['/api/notifications/webhooks']['post']['responses'][201]>;
export type WebhookDelivery = NonNullable<
  Json<paths['/api/notifications/webhooks/{id}/deliveries']['get']['responses'][200]>['items']
>[number];

const digestKey = [...keys.reminders, 'digest'] as const;
const webhooksKey = [...keys.reminders, 'webhooks'] as const;

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/** "MONDAY" → "Monday". */
export function weekdayName(day: string): string {
  return day.charAt(0) + day.slice(1).toLowerCase();
}

/** When the digest goes out, in words: "Weekly, on Mondays at 08:00 (Europe/Paris)", "Off". */
export function describeSchedule(settings: Pick<DigestSettings, 'frequency' | 'weekday' | 'hour' | 'timeZone'>): string {
  if (settings.frequency === 'OFF') return 'Off: no digest is sent';
  const at = `${String(settings.hour ?? 0).padStart(2, '0')}:00 (${settings.timeZone})`;
  if (settings.frequency === 'DAILY') return `Daily at ${at}`;
  return `Weekly, on ${weekdayName(settings.weekday ?? 'MONDAY')}s at ${at}`;
}

/** A delivery's outcome as a person reads it: what happened, and what happens next when it failed. */
export function describeOutcome(delivery: {
  status?: string;
  attempts?: number;
  error?: string | null;
  lastError?: string | null;
  lastStatusCode?: number | null;
  nextAttemptAt?: string | null;
}, formatDateTime: (instant: string) => string): string {
  const error = delivery.lastError ?? delivery.error;
  const attempts = delivery.attempts ?? 0;
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  switch (delivery.status) {
    case 'SENT':
    case 'DELIVERED':
      return attempts > 1 ? `Delivered after ${tries}` : 'Delivered';
    case 'SKIPPED':
      return 'Skipped: nothing to send';
    case 'PENDING':
      return 'Waiting to be sent';
    case 'FAILED': {
      const why = [delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : undefined, error].filter(Boolean).join(': ');
      const next = delivery.nextAttemptAt ? `; next try ${formatDateTime(delivery.nextAttemptAt)}` : '';
      return `Failed after ${tries}${why ? ` (${why})` : ''}${next}`;
    }
    case 'GAVE_UP':
      return `Given up after ${tries}${error ? ` (${error})` : ''}`;
    default:
      return delivery.status ?? 'Unknown';
  }
}

export function useDigest() {
  return useQuery({ queryKey: digestKey, queryFn: () => unwrap(remindersApi.GET('/api/notifications/digest')) });
}

export function useSaveDigest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DigestUpdate) => unwrap(remindersApi.PUT('/api/notifications/digest', { body })),
    onSuccess: (saved) => client.setQueryData(digestKey, saved),
  });
}

/** Sends this week's digest now; the delivery shows in the list once it is made. */
export function useTestDigest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(remindersApi.POST('/api/notifications/digest/test')),
    onSuccess: () => client.invalidateQueries({ queryKey: digestKey }),
  });
}

export function useWebhooks() {
  return useQuery({
    queryKey: webhooksKey,
    queryFn: () => unwrap(remindersApi.GET('/api/notifications/webhooks', { params: { query: { page: 0, size: 50 } } })),
  });
}

/** Adds a webhook; its signing secret is in the answer, once. A retried click sends the same Idempotency-Key. */
export function useCreateWebhook() {
  const client = useQueryClient();
  const salt = newRequestSalt();
  return useMutation({
    mutationFn: (body: NewWebhook) =>
      unwrap(remindersApi.POST('/api/notifications/webhooks', {
        body,
        params: { header: { 'Idempotency-Key': idempotencyKey(salt, body) } },
      })),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(remindersApi.DELETE('/api/notifications/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useTestWebhook(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(remindersApi.POST('/api/notifications/webhooks/{id}/test', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: [...webhooksKey, id, 'deliveries'] }),
  });
}

/** A webhook's delivery log, refreshed while something is still waiting or being retried. */
export function useWebhookDeliveries(id: string) {
  return useQuery({
    queryKey: [...webhooksKey, id, 'deliveries'],
    queryFn: () =>
      unwrap(remindersApi.GET('/api/notifications/webhooks/{id}/deliveries', { params: { path: { id }, query: { page: 0, size: 10 } } })),
    refetchInterval: (query) =>
      query.state.data?.items?.some((d) => d.status === 'PENDING' || d.status === 'FAILED') ? 5_000 : false,
  });
}
