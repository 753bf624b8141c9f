// One error class with a code, an HTTP status and a message that is safe to show to the caller.
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_COMPLEX: 422,
  RATE_LIMITED: 429,
  NOT_READY: 409,
  ENVIRONMENT_LOCKED: 409,
  STALE_PLAN: 409,
  /** The release's lifecycle (lib/releases/lifecycle.ts) does not allow the action in its current state. */
  LIFECYCLE: 409,
  /** A deploy to an environment whose predecessor on the release's path is not deployed and verified. */
  NOT_PROMOTED: 409,
  /** The environment's waitMinutes after its predecessor's verified deploy have not passed yet. */
  WAITING: 409,
  /** Lowering an approval policy's bar takes an admin (and a reason). */
  POLICY_LOOSENING_NEEDS_ADMIN: 403,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Response headers that belong to the answer, e.g. `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_STATUS[code];
  }
}

export type ErrorBody = { error: { code: string; message: string; details?: unknown } };
