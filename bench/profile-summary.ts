// npm run -s bench:profile -- <file.cpuprofile> [--top 30] [--under <function name>]: where a V8 CPU profile (from
// COUNTDOWN_BENCH_CPU_PROF) spent its time. Prints self time and inclusive time per function, or with --under, the
// call tree below every frame whose name contains that text (merged), to a few levels.
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
if (!file) {
  console.error("usage: npm run -s bench:profile -- <file.cpuprofile> [--top N] [--under <function name>]");
  process.exit(2);
}
const top = Number(option("--top") ?? 30);
const under = option("--under");

const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + profile.timeDeltas[i]));
const label = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(8);

const totals = new Map<number, number>();
const total = (id: number): number => {
  if (!totals.has(id)) totals.set(id, (selfUs.get(id) ?? 0) + (byId.get(id)!.children ?? []).reduce((sum, c) => sum + total(c), 0));
  return totals.get(id)!;
};

if (under) {
  // Merge the subtrees under every outermost frame matching `under`, by path of labels.
  const merged = new Map<string, number>();
  const add = (id: number, path: string, depth: number) => {
    const key = `${path}\u0000${label(byId.get(id)!)}`;
    merged.set(key, (merged.get(key) ?? 0) + total(id));
    if (depth < 4) for (const c of byId.get(id)!.children ?? []) add(c, key, depth + 1);
  };
  const find = (id: number) => (label(byId.get(id)!).includes(under) ? add(id, "", 0) : (byId.get(id)!.children ?? []).forEach(find));
  find(profile.nodes[0].id);
  const print = (path: string, depth: number) => {
    const kids = [...merged].filter(([k]) => k.slice(0, k.lastIndexOf("\u0000")) === path).sort((a, b) => b[1] - a[1]);
    for (const [k, us] of kids.slice(0, 8)) {
      if (us < 5_000) continue;
      console.log(`${ms(us)} ${"  ".repeat(depth)}${k.slice(k.lastIndexOf("\u0000") + 1)}`);
      print(k, depth + 1);
    }
  };
  print("", 0);
} else {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    self.set(label(byId.get(id)!), (self.get(label(byId.get(id)!)) ?? 0) + us);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const l = label(byId.get(x)!);
      if (!seen.has(l)) inclusive.set(l, (inclusive.get(l) ?? 0) + us);
      seen.add(l);
    }
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`total ${ms([...selfUs.values()].reduce((a, b) => a + b, 0))} ms\n-- self (ms)`);
  for (const [l, us] of sorted(self)) console.log(`${ms(us)} ${l}`);
  console.log("-- inclusive (ms)");
  for (const [l, us] of sorted(inclusive)) console.log(`${ms(us)} ${l}`);
}
