// Request bodies read up to a cap, while they stream: a declared Content-Length over the cap is refused before a byte
// is read, and a body without one (chunked) is read chunk by chunk and abandoned as soon as it passes the cap. Either
// way the answer is 413 PAYLOAD_TOO_LARGE, and no caller can make the process buffer more than the cap.
import { AppError } from "@/lib/errors";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${Math.round(maxBytes / 1024)} KiB`, { maxBytes });
}

/** 413 at once when the declared Content-Length is over the cap: checked before anything else (authentication too). */
export function assertDeclaredLength(req: Request, maxBytes: number): void {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
}

/** The whole body as bytes, or 413 once it passes `maxBytes` (declared or streamed). */
export async function readCappedBody(req: Request, maxBytes: number): Promise<Buffer> {
  assertDeclaredLength(req, maxBytes);
  if (req.body === null) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await abandon(reader);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Stops reading: the rest of the body is never pulled from the connection. */
async function abandon(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    await reader.cancel();
  } catch (err) {
    // A body that failed while we cancelled it is being refused anyway; the 413 is the answer either way.
    console.warn("[api] cancelling an oversized body:", (err as Error).message);
  }
}

/**
 * `req` with its body read under the cap and held in memory, for handlers we do not write ourselves (next-auth's):
 * they then read a body that can no longer grow. Bodiless methods pass through untouched.
 */
export async function withCappedBody<R extends Request>(req: R, maxBytes: number, rebuild: (init: { body: Buffer; headers: Headers }) => R): Promise<R> {
  if (req.method === "GET" || req.method === "HEAD") return req;
  const body = await readCappedBody(req, maxBytes);
  const headers = new Headers(req.headers);
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return rebuild({ body, headers });
}
