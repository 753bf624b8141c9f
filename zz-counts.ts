import fs from "node:fs";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
for (const f of fs.readdirSync("lib/runbook/fixtures")) {
  const r = parseRunbook(fs.readFileSync("lib/runbook/fixtures/" + f, "utf8"));
  const steps = r.procedures.flatMap((p) => p.steps);
  const by = (k: string) => steps.filter((s) => s.kind === k).length;
  const items = r.phases.flatMap((p) => p.items);
  console.log(f, JSON.stringify(r.counts), "task", items.filter(i=>i.source==="task").length, "step", items.filter(i=>i.source==="step").length,
    "cmd", by("command"), "http", by("http"), "gate", by("gate"), "wait", by("wait"),
    "phasesWithOffset", r.phases.filter((p) => p.offsetMinutes !== null).map(p=>`${p.title}=${p.offsetMinutes}`).join(" | "),
    "kinds", JSON.stringify(r.procedures.reduce((a: Record<string, number>, p) => ((a[p.kind] = (a[p.kind] ?? 0) + 1), a), {})),
    "unplaced", r.unplaced.length, "refs", r.references.length, "shellBlocks", (fs.readFileSync("lib/runbook/fixtures/" + f, "utf8").match(/^\s*```(bash|sh)\s*$/gm) ?? []).length);
}
