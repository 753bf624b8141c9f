import "server-only";
import { db } from "@/lib/db";
import { environmentSelect, recentDeploysQuery, toEnvironmentView } from "@/lib/environments/environment-view";
import type { TEnvironmentList } from "@/lib/schemas/environment";

/** Every environment in order, with its secrets' names (never values), protection and latest deploys. */
export async function listEnvironments(): Promise<TEnvironmentList> {
  const rows = await db().environment.findMany({ select: environmentSelect, orderBy: [{ position: "asc" }, { name: "asc" }] });
  const deploys = await Promise.all(rows.map((r) => db().run.findMany(recentDeploysQuery(r.name))));
  return { environments: rows.map((r, i) => toEnvironmentView(r, deploys[i])) };
}

/** The environments' names in order (the freeze form's choices). */
export async function environmentNames(): Promise<string[]> {
  const rows = await db().environment.findMany({ select: { name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
  return rows.map((r) => r.name);
}
