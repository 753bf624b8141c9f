// Reminder texts: `{{release.name}}`-style placeholders filled from a fixed list of fields. Nothing is
// evaluated; an unknown placeholder stays as written so a typo is visible in the message.
export type MessageRelease = { name: string; version: string; environment: string; type: string; scheduledAt: Date | string };

export const MESSAGE_PLACEHOLDERS = ["release.name", "release.version", "release.environment", "release.type", "t0"] as const;

export function renderMessage(template: string, release: MessageRelease): string {
  const values = new Map<string, string>(
    Object.entries({
      "release.name": release.name,
      "release.version": release.version,
      "release.environment": release.environment,
      "release.type": release.type,
      t0: formatT0(new Date(release.scheduledAt)),
    }),
  );
  // A Map, not an object lookup: "{{constructor}}" must not reach Object.prototype.
  return template.replace(/\{\{\s*([a-z0-9_.]+)\s*\}\}/gi, (whole, name: string) => values.get(name) ?? whole);
}

/** "2030-01-15 10:00 UTC" */
export function formatT0(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
