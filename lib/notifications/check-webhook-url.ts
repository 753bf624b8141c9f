import "server-only";
import { AppError } from "@/lib/errors";
import { webhookUrlRefusal } from "@/lib/notifications/webhook-address";

/** 422 naming `url` when a channel's URL points at this machine, a private network or a metadata service. */
export function checkWebhookUrl(url: string): void {
  const refusal = webhookUrlRefusal(url);
  if (refusal) {
    throw new AppError("UNPROCESSABLE", `url: ${refusal}; webhooks may not reach this machine, private networks or cloud metadata services`, { field: "url" });
  }
}
