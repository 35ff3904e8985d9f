/** One bad field in a request, as the server names it. */
export interface InvalidParam {
  name: string;
  reason: string;
}

/**
 * An error answer of the API (RFC 9457 problem details). `type` is a URI
 * whose last segment names the kind, e.g. …/second-factor-required.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
    /** Seconds to wait, from Retry-After (only on 429 and 503). */
    readonly retryAfter: number | null = null,
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** True when the problem type ends in /kind, e.g. is('invalid-credentials'). */
  is(kind: string): boolean {
    return this.type.endsWith(`/${kind}`);
  }
}

function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header); // Retry-After may also be an HTTP date
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function asParams(value: unknown): InvalidParam[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((p) => p && typeof p.name === 'string')
    .map((p) => ({ name: p.name, reason: typeof p.reason === 'string' ? p.reason : '' }));
}

/** Reads an error response; a body that is not problem+json still gives a usable ApiError. */
export async function problemFrom(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  if (/json/.test(res.headers.get('Content-Type') ?? '')) {
    try {
      body = (await res.json()) ?? {};
    } catch {
      // a broken body is no reason to lose the status
    }
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return new ApiError(
    res.status,
    text(body.type) || 'about:blank',
    text(body.title) || res.statusText,
    text(body.detail),
    asParams(body.invalidParams),
    retryAfterSeconds(res.headers.get('Retry-After')),
  );
}
