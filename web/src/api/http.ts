import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as AnalyticsPaths } from './generated/analytics';
import type { paths as ContactsPaths } from './generated/contacts';
import type { paths as GatewayPaths } from './generated/gateway';
import type { paths as InteractionsPaths } from './generated/interactions';
import type { paths as RemindersPaths } from './generated/reminders';
import { withCsrf } from './csrf';
import { ApiError, toApiError } from './problem';

/** The browser's time zone, sent on every call so "today" and "overdue" are the person's own. */
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

type SessionListener = () => void;
const sessionListeners = new Set<SessionListener>();

/** Called when an API call answers 401: the session ended (expired, signed out elsewhere, member removed). */
export function onSessionEnded(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

const middleware: Middleware = {
  onRequest({ request }) {
    withCsrf(request.method, request.headers);
    request.headers.set('X-Time-Zone', timeZone);
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) sessionListeners.forEach((listener) => listener());
    return response;
  },
};

function client<Paths extends {}>(): Client<Paths> {
  const created = createClient<Paths>({ baseUrl: '/', credentials: 'same-origin' });
  created.use(middleware);
  return created;
}

/** Typed from web/openapi/*.json (npm run api:types): a renamed field or path fails `tsc`, not the person. */
export const contactsApi = client<ContactsPaths>();
export const interactionsApi = client<InteractionsPaths>();
export const remindersApi = client<RemindersPaths>();
export const gatewayApi = client<GatewayPaths>();
export const analyticsApi = client<AnalyticsPaths>();

/** The data of a call, or its problem thrown as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw await toApiError(response, error);
  return data as T;
}

/** The ETag's version ("3" → 3), for If-Match. */
export function etagVersion(response: Response): number | undefined {
  const etag = response.headers.get('ETag')?.replace(/^W\//, '').replaceAll('"', '');
  return etag && /^\d+$/.test(etag) ? Number(etag) : undefined;
}

export { ApiError };
