// GET /api/openapi.json: the API reference itself (lib/api/openapi.ts builds it from the routes' schemas).
import { z } from "zod";

export const ZOpenApiDocument = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  /** Each path's operations by method. */
  paths: z.record(z.string(), z.record(z.string(), z.looseObject({ responses: z.record(z.string(), z.unknown()) }))),
});
export type TOpenApiDocument = z.output<typeof ZOpenApiDocument>;
