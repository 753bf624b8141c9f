// GET /api/health: each dependency's state; the same body comes with 503 when one of them fails.
import { z } from "zod";

/** `database` and `queue`: "ok" or why not ("unavailable", ...). */
export const ZHealth = z.object({ status: z.enum(["ok", "degraded"]), database: z.string(), queue: z.string() }).strict();
export type THealth = z.output<typeof ZHealth>;

// GET /api/health/live: the web process answers (it asks neither the database nor the queue).
export const ZLiveness = z.object({ status: z.literal("ok") }).strict();
export type TLiveness = z.output<typeof ZLiveness>;
