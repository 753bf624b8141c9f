import fs from "node:fs";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
const f = process.argv[2];
const r = parseRunbook(fs.readFileSync(f, "utf8"));
console.log("title", r.title, r.counts);
for (const p of r.phases) { console.log(`PHASE L${p.line} [${p.offsetMinutes}] ${p.title} (${p.items.length})`); for (const i of p.items) console.log(`   ${i.source} L${i.line} ${i.checked?"x":" "} ${i.required?"":"(opt)"} ${i.ownerRole??""} | ${i.text}`); }
for (const p of r.procedures) { console.log(`PROC L${p.line} ${p.kind} ${p.name} (${p.steps.length})`); for (const s of p.steps) console.log(`   ${s.kind} L${s.line} | ${s.text} | ${s.kind==="command"? s.command.split("\n")[0] : s.kind==="http" ? JSON.stringify(s.request.method+" "+s.request.url)+" "+JSON.stringify(s.expect) : ""}`); }
console.log("thresholds", r.thresholds); console.log("refs", JSON.stringify(r.references));
for (const u of r.unplaced) console.log(`UNPLACED L${u.line} ${u.reason} | ${u.text.slice(0,60).replace(/\n/g," ")}`);
