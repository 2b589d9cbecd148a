import { gateway } from './client';
import { withCsrf } from './csrf';
import type { components } from './gateway';

export type Me = components['schemas']['MemberView'];

/** The signed-in member, or null when the session is missing or over (401). */
export async function fetchMe(): Promise<Me | null> {
  const { data, response } = await gateway.GET('/api/me', { headers: { Accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!data) throw new Error(`GET /api/me answered ${response.status}`);
  return data as Me;
}

/**
 * Signs in through the gateway's form login (POST /login, form-encoded, CSRF header). The gateway answers a redirect
 * to /api/me on success and to /login?error on failure; fetch follows it, so the final URL tells which.
 */
export async function signIn(email: string, password: string): Promise<boolean> {
  if (!document.cookie.includes('XSRF-TOKEN=')) {
    await fetch('/api/me', { credentials: 'same-origin' }); // any answer sets the XSRF-TOKEN cookie
  }
  const response = await fetch('/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: withCsrf('POST', new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' })),
    body: new URLSearchParams({ username: email, password }),
  });
  return response.ok && new URL(response.url).pathname === '/api/me';
}

export async function signOut(): Promise<void> {
  await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: withCsrf('POST', new Headers()) });
}
