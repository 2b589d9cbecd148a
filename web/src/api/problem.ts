/** An RFC 9457 problem as the services and the gateway answer it; `errors` names the fields at fault. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** A call that did not succeed: its status, the problem it answered, and when to try again (429, 503). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from Retry-After, when the server said. */
  readonly retryAfter?: number;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The message for one field (`displayName`, `emails[0].address`), if the server named it. */
  fieldError(field: string): string | undefined {
    return this.problem.errors?.find((e) => e.field === field)?.message;
  }

  /** Messages for fields below a prefix (`followUps[1].`), keyed by the rest of the name. */
  fieldErrorsUnder(prefix: string): Record<string, string> {
    const found: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      if (e.field.startsWith(prefix)) found[e.field.slice(prefix.length)] = e.message;
    }
    return found;
  }

  get stale(): boolean {
    return this.status === 412 || this.problem.type?.endsWith('/stale-version') === true;
  }

  /** Worth trying again unchanged: rate limited, or a service briefly away. */
  get transient(): boolean {
    return this.status === 429 || this.status === 503 || this.status === 502 || this.status === 504;
  }
}

/** Reads a failed response into an ApiError; a body that is not a problem still gives a clear message. */
export async function toApiError(response: Response, body?: unknown): Promise<ApiError> {
  let problem: Problem = {};
  if (body && typeof body === 'object') {
    problem = body as Problem;
  } else {
    try {
      const text = await response.clone().text();
      problem = text ? (JSON.parse(text) as Problem) : {};
    } catch {
      problem = {};
    }
  }
  if (!problem.detail && !problem.title) problem = { ...problem, title: response.statusText || `HTTP ${response.status}` };
  const header = response.headers.get('Retry-After');
  const seconds = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : undefined;
  return new ApiError(response.status, problem, seconds);
}

/** What to tell a person about an error that names no field. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return `Rapport is getting many requests from you; trying again${error.retryAfter ? ` in ${error.retryAfter} s` : ' shortly'}.`;
    }
    if (error.status === 502 || error.status === 503 || error.status === 504) {
      return 'Part of Rapport is not answering right now. What you typed is kept; try again in a moment.';
    }
    const fields = error.problem.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
    return [error.problem.detail ?? error.problem.title, fields].filter(Boolean).join(': ');
  }
  if (error instanceof TypeError) return 'Rapport cannot be reached. Check your connection; what you typed is kept.';
  return error instanceof Error ? error.message : String(error);
}
