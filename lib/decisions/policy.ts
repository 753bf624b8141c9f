import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReleaseType } from "@/lib/generated/prisma/enums";
import { ZGroupRules, type TGroupRule } from "@/lib/schemas/decision";

export type Policy = {
  releaseType: ReleaseType;
  minGoes: number;
  groupRules: TGroupRule[];
  requiredItem: string | null;
  /** 0 while the template uses the default; a PUT must send the version it saw. */
  version: number;
  source: "default" | "template";
  /** Set when the release's environment has its own rule (lib/environments/environment-protection.ts). */
  environmentRule?: { environment: string; requiredGoes: number };
};

/** What a template without its own ApprovalPolicy row for a type gets (the three example runbooks' practice). */
export const DEFAULT_POLICIES: Record<ReleaseType, Omit<Policy, "releaseType" | "version" | "source">> = {
  regular: { minGoes: 2, groupRules: [{ anyOf: ["lead"], count: 1 }], requiredItem: null },
  hotfix: { minGoes: 1, groupRules: [{ anyOf: ["on-call", "lead"], count: 1 }], requiredItem: null },
  emergency: { minGoes: 1, groupRules: [{ anyOf: ["manager"], count: 1 }], requiredItem: "Post-release review held and written up" },
};

export const RELEASE_TYPES: ReleaseType[] = ["regular", "hotfix", "emergency"];

type PolicyRow = { releaseType: ReleaseType; minGoes: number; groupRules: unknown; requiredItem: string | null; version: number };

export function toPolicy(releaseType: ReleaseType, row: PolicyRow | null | undefined): Policy {
  if (!row) return { releaseType, ...DEFAULT_POLICIES[releaseType], version: 0, source: "default" };
  return {
    releaseType,
    minGoes: row.minGoes,
    groupRules: ZGroupRules.parse(row.groupRules),
    requiredItem: row.requiredItem,
    version: row.version,
    source: "template",
  };
}

/** The policy a release of `releaseType` made from `templateId` is held to. */
export async function effectivePolicy(client: Prisma.TransactionClient, templateId: string, releaseType: ReleaseType): Promise<Policy> {
  const row = await client.approvalPolicy.findUnique({ where: { templateId_releaseType: { templateId, releaseType } } });
  return toPolicy(releaseType, row);
}

/** "2 gos, at least 1 from lead"; "no go/no-go needed in staging" */
export function describePolicy(p: Pick<Policy, "minGoes" | "groupRules" | "environmentRule">): string {
  if (p.environmentRule?.requiredGoes === 0) return `no go/no-go needed in ${p.environmentRule.environment}`;
  const gos = `${p.minGoes} go${p.minGoes === 1 ? "" : "s"}`;
  const rules = p.groupRules.map((r) => `at least ${r.count} from ${r.anyOf.join(" or ")}`);
  // Named only where the environment's minimum is the one that binds.
  const environment =
    p.environmentRule && p.environmentRule.requiredGoes >= p.minGoes
      ? [`${p.environmentRule.environment} asks for at least ${p.environmentRule.requiredGoes}`]
      : [];
  return [gos, ...rules, ...environment].join(", ");
}
