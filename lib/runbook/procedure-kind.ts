import type { TProcedureKind } from "@/lib/schemas/runbook";

// Which kind of procedure a heading names. Rollback wins over everything ("Deployment Rollback" is a
// rollback), then smoke tests, then verification (including "Post-Deployment" / "Post-Launch"
// sections), then deployment.

const ROLLBACK = /\broll[\s-]?back|\brevert\b/i;
const SMOKE = /\bsmoke/i;
const VERIFY = /\bverif|\bvalidat|\bhealth[\s-]?checks?\b|\bsanity\b|\bpost[\s-]?(deploy|launch|release|rollout|go[\s-]?live|migration)/i;
const DEPLOY = /\bdeploy|\bgo[\s-]?live\b|\broll[\s-]?out\b|\bcut[\s-]?over\b|(?<!(pre|post)[\s-]?)\b(launch|release)\b/i;

export function procedureKindOf(heading: string): Exclude<TProcedureKind, "custom"> | null {
  if (ROLLBACK.test(heading)) return "rollback";
  if (SMOKE.test(heading)) return "smoke";
  if (VERIFY.test(heading)) return "verify";
  if (DEPLOY.test(heading)) return "deploy";
  return null;
}
