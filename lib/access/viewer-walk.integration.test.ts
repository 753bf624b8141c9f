// The viewer walk: every GET route under app/api (found on disk, so a new route is walked too), called as a viewer
// and with a share link, on a release whose plan has planted command text, HTTP headers and bodies, a metric URL
// and output. None of it may come back. The same routes called by a manager do show it: the plant is real.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { startRun } from "@/lib/runs/start-run";
import { createShareLink } from "@/lib/share/create-share-link";
import type { TemplateDraft } from "@/lib/templates/save-template";
import { createCaller, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";
import { ROUTE_BASE } from "@/test/call-route";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const API = path.resolve("app/api");
/** Routes that are not the app's own reads: next-auth's endpoints. */
const NOT_WALKED = new Set(["auth/[...nextauth]"]);

function routeFiles(dir = API): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

const mark = `planted${uid()}`;
const planted = {
  command: `./deploy.sh --tag cmd-${mark}`,
  bare: `echo restarting deploy/bare-${mark}`,
  header: `hdr-${mark}`,
  body: `{"note":"body-${mark}"}`,
  url: `http://127.0.0.1:9/url-${mark}`,
  metric: `http://127.0.0.1:9/metric-${mark}`,
  output: `out-${mark}`,
};

const procedures: TemplateDraft["procedures"] = [
  {
    name: "Smoke",
    kind: "smoke",
    steps: [
      { kind: "command", text: "Print the build", command: `echo ${planted.output}; true ${planted.command}` },
      { kind: "command", text: planted.bare, command: planted.bare }, // named after its command, as an import without a comment does
      {
        kind: "http",
        text: "Check the API",
        request: { method: "POST", url: planted.url, headers: { "X-Deploy-Key": planted.header }, body: planted.body },
        expect: { status: { anyOf: [200] } },
      },
      {
        kind: "watch",
        text: "Error rate",
        source: { type: "json", url: planted.metric, path: "rate" },
        healthy: { op: "<", value: 1 },
        intervalSec: 1,
        durationSec: 1,
      },
    ],
  },
];

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => void (worker = startInProcessWorker(2)));
afterAll(() => worker.stop());

async function read(handler: Handler, url: string, params: Record<string, string>, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await handler(new NextRequest(`${ROUTE_BASE}${url}`, { headers, signal: abort.signal }), { params: Promise.resolve(params) });
  let text = "";
  if (res.body && res.headers.get("content-type")?.startsWith("text/event-stream")) {
    // A live stream never ends: read its replay for a moment, then hang up.
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const deadline = Date.now() + 1_500;
    while (Date.now() < deadline) {
      const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 300))]);
      if (next?.done) break;
      if (next?.value) text += decoder.decode(next.value);
    }
    abort.abort();
    await reader.cancel().catch(() => undefined);
  } else text = await res.text();
  return { status: res.status, text };
}

describe("what a viewer reads", () => {
  it("no GET route shows a viewer or a share link command text, request headers or bodies, metric URLs or output", async () => {
    const manager = await createCaller("manager");
    const viewer = await createCaller("viewer");
    const release = await releaseWithProcedures(manager, procedures);
    const { runId } = await startRun(release.id, { procedure: "smoke" }, manager);
    const run = await waitForRun(runId, ["failed", "succeeded"]);
    expect(await db().outputLine.count({ where: { runId, line: { contains: planted.output } } })).toBe(1);
    const share = await createShareLink(release.id, { expiresInDays: 1 }, manager, ROUTE_BASE);

    const ids: Record<string, string> = { releases: release.id, templates: release.template.id, runs: runId, steps: run.steps[0].id };
    const as = {
      viewer: { authorization: `Bearer ${await createApiToken(viewer.id, "walk")}` },
      manager: { authorization: `Bearer ${await createApiToken(manager.id, "walk")}` },
      share: { authorization: `Share ${share.token}` },
    };

    const walked: string[] = [];
    const seen: Record<"viewer" | "manager" | "share", string> = { viewer: "", manager: "", share: "" };
    for (const file of routeFiles()) {
      const rel = path.relative(API, path.dirname(file));
      if (NOT_WALKED.has(rel)) continue;
      const mod = (await import(file)) as { GET?: Handler };
      if (!mod.GET) continue;
      const segments = rel.split(path.sep);
      const params: Record<string, string> = {};
      const url = segments.map((seg, i) => {
        const param = /^\[(\w+)\]$/.exec(seg)?.[1];
        if (!param) return seg;
        params[param] = param === "type" ? "regular" : (ids[segments[i - 1]] ?? crypto.randomUUID());
        return params[param];
      });
      const query = rel.endsWith("audit") ? "?format=json" : "";
      for (const who of ["viewer", "manager", "share"] as const) {
        const res = await read(mod.GET, `/api/${url.join("/")}${query}`, params, as[who]);
        expect(res.status, `${who} GET ${rel}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        seen[who] += `\n${rel} ${res.status} ${res.text}`;
        if (who !== "manager") expect(res.text.includes(mark), `${who} GET /api/${rel} shows planted text: ${res.text.slice(0, 2000)}`).toBe(false);
      }
      walked.push(rel);
    }
    // The walk reached the routes that carry plans and runs, and a manager sees the plant there.
    for (const rel of ["templates/[id]", "runs/[runId]", "releases/[id]", "releases/[id]/stream", "releases/[id]/timeline", "releases/[id]/audit"])
      expect(walked).toContain(rel);
    for (const value of ["cmd", "bare", "hdr", "body", "url", "metric", "out"]) expect(seen.manager).toContain(`${value}-${mark}`);
    // Viewers still see what they are meant to: step names, kinds and statuses.
    expect(seen.viewer).toContain("Print the build");
    expect(seen.viewer).toMatch(/"name":"Command 2"|"text":"Command 2"/);
    expect(seen.share).toContain("Print the build");
  });
});
