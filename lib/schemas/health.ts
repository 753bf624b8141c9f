// GET /api/health: each dependency's state; the same body comes with 503 when one of them fails.
import { z } from "zod";

/** `database` and `queue`: "ok" or why not ("unavailable", ...). */
export const ZHealth = z.object({ status: z.enum(["ok", "degraded"]), database: z.string(), queue: z.string() }).strict();
export type THealth = z.output<typeof ZHealth>;
