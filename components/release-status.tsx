import { Badge, type Tone } from "@/components/ui/badge";

const STATUS_TONE: Record<string, Tone> = {
  draft: "slate",
  scheduled: "indigo",
  ready: "green",
  deploying: "amber",
  verifying: "amber",
  released: "green",
  rolled_back: "red",
  cancelled: "slate",
};

export function ReleaseStatus({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "slate"}>{status.replace("_", " ")}</Badge>;
}
