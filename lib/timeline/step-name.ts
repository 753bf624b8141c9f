import "server-only";

function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringLeaves(v, out));
  else if (typeof value === "object" && value !== null) Object.values(value).forEach((v) => stringLeaves(v, out));
  return out;
}

const KIND_LABEL: Record<string, string> = { command: "Command", http: "HTTP check", wait: "Wait", gate: "Manual gate", watch: "Metric watch" };

/**
 * A step's name as stakeholders see it. Imported steps without a comment are named after their command or URL;
 * such a name would leak the command text, so it becomes "Command 3" instead.
 */
export function stakeholderStepName(step: { position: number; kind: string; text: string; config: unknown }): string {
  const text = step.text.trim();
  const generic = `${KIND_LABEL[step.kind] ?? "Step"} ${step.position + 1}`;
  if (!text) return generic;
  const leaves = stringLeaves(step.config)
    .map((s) => s.trim())
    .filter((s) => s.length >= 3);
  const leaks = leaves.some((leaf) => text.includes(leaf) || leaf.includes(text));
  return leaks ? generic : text;
}
