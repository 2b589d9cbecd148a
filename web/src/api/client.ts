import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as GatewayPaths } from './gateway';
import { withCsrf } from './csrf';

/** X-XSRF-TOKEN on every state-changing call that rides on the session cookie. */
const csrf: Middleware = {
  onRequest({ request }) {
    withCsrf(request.method, request.headers);
    return request;
  },
};

/** Typed from web/openapi/gateway.json (npm run api:types); same origin, so the session cookie goes along. */
export const gateway = createClient<GatewayPaths>({ baseUrl: '/', credentials: 'same-origin' });
gateway.use(csrf);
