// A secret set for an environment, printed by a real command in every form a shell makes easy, is masked in the
// output lines the worker stores: plain, `base64 -w 20`, hex, URL-encoded, and cut in two by the 16 KiB line cap.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { MASK } from "@/lib/secrets/mask-secrets";
import { sealSecret } from "@/lib/secrets/secret-box";
import { startRun } from "@/lib/runs/start-run";
import { createCaller, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => void (worker = startInProcessWorker(2)));
afterAll(() => worker.stop());

const URL_ENCODE = `urlenc() { local s="$1" i c; for ((i=0; i<\${#s}; i++)); do c="\${s:i:1}"; case "$c" in [a-zA-Z0-9.~_-]) printf '%s' "$c";; *) printf '%%%02X' "'$c";; esac; done; echo; }`;

describe("output masking in the worker", () => {
  it("masks an environment's secret in stored lines: plain, base64 -w 20, hex, URL-encoded, split by the line cap", async () => {
    const manager = await createCaller("manager");
    const environment = `masking-${uid()}`;
    const secret = `s3cr3t/with+special=chars&${uid()}-${uid()}`;
    await db().environment.create({ data: { name: environment, secrets: { create: [{ name: "API_TOKEN", valueEncrypted: sealSecret(secret) }] } } });
    const command = [
      'echo "plain: $API_TOKEN"',
      'printf "%s" "$API_TOKEN" | base64 -w 20',
      'printf "deploy:%s" "$API_TOKEN" | base64 -w 76',
      `printf "%s" "$API_TOKEN" | od -An -tx1 | tr -d ' \\n'; echo`,
      URL_ENCODE,
      'echo "callback?token=$(urlenc "$API_TOKEN")&x=1"',
      // 16,370 characters, then the secret: the executor's 16 KiB cap would fall inside it.
      `printf 'x%.0s' $(seq 1 16370); printf '%s\\n' "$API_TOKEN"`,
      "echo done",
    ].join("\n");
    const release = await releaseWithProcedures(manager, [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "print the token", command }] }], {
      environment,
    });
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    expect((await waitForRun(runId, ["succeeded", "failed"])).status).toBe("succeeded");

    const lines = (await db().outputLine.findMany({ where: { runId }, orderBy: { seq: "asc" } })).map((l) => l.line);
    expect(lines[0]).toBe(`plain: ${MASK}`);
    expect(lines.at(-1)).toBe("done");
    const stored = lines.join("\n");
    const joined = lines.join(""); // a wrapped or cut value, read back across its lines
    const hex = Buffer.from(secret).toString("hex");
    const b64 = Buffer.from(secret).toString("base64");
    const basic = Buffer.from(`deploy:${secret}`).toString("base64");
    for (const form of [
      secret,
      secret.slice(0, 20),
      secret.slice(-20),
      hex,
      hex.slice(0, 24),
      encodeURIComponent(secret),
      b64.slice(0, 20),
      b64.slice(20, 40),
      basic.slice(12, -4),
    ]) {
      expect(stored.includes(form), `stored output shows ${form}`).toBe(false);
    }
    for (const form of [secret, hex, b64.slice(0, -4), basic.slice(12, -4)]) expect(joined.includes(form), `joined output shows ${form}`).toBe(false);
    expect(lines.filter((l) => l.includes(MASK)).length).toBeGreaterThanOrEqual(6);
  });
});
