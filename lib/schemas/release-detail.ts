// GET, PATCH /api/releases/:id and POST .../cancel: the release view with its manager and its readiness.
import { z } from "zod";
import { ZReadiness } from "@/lib/schemas/readiness";
import { ZReleaseView } from "@/lib/schemas/release";

export const ZReleaseDetail = ZReleaseView.extend({ managerId: z.uuid().nullable(), readiness: ZReadiness });
export type TReleaseDetail = z.output<typeof ZReleaseDetail>;
