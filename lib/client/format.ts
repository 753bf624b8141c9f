// Display helpers shared by the pages: T-minus offsets and dates in the viewer's locale.
export function formatOffset(minutes: number | null): string | null {
  if (minutes === null) return null;
  if (minutes === 0) return "T-0";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const [value, unit] = abs % 1440 === 0 ? [abs / 1440, "d"] : abs % 60 === 0 ? [abs / 60, "h"] : [abs, "m"];
  return `T${sign}${value}${unit}`;
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return "";
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
