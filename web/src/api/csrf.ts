/** The gateway's CSRF token: the XSRF-TOKEN cookie (not HttpOnly), read afresh on every call since sign-in may renew it. */
export function csrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'XSRF-TOKEN') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Headers for a same-origin request riding on the session cookie: X-XSRF-TOKEN on state-changing methods. */
export function withCsrf(method: string, headers: Headers, cookies?: string): Headers {
  const token = csrfToken(cookies);
  if (!SAFE.has(method.toUpperCase()) && token) headers.set('X-XSRF-TOKEN', token);
  return headers;
}
