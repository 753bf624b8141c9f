import { z } from "zod";
import { NOTIFICATION_EVENT_TYPES } from "@/lib/notifications/event-types";

export const ZNotificationEventType = z.enum(NOTIFICATION_EVENT_TYPES);
export const ZChannelKind = z.enum(["slack", "json"]);

export const ZChannelParams = z.object({ id: z.uuid() });
export const ZSubscriptionParams = z.object({ id: z.uuid() });

const ZName = z.string().trim().min(1).max(100);
const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  // Intranet hosts and plain IPs are fine: a receiver is often internal (z.httpUrl would demand a public domain).
  .pipe(z.url({ protocol: /^https?$/, error: "an http(s) URL" }));

export const ZCreateChannel = z.object({ kind: ZChannelKind, name: ZName, url: ZWebhookUrl, enabled: z.boolean().default(true) }).strict();
export type TCreateChannel = z.output<typeof ZCreateChannel>;

/** A new `url` replaces the old one (which is never shown again); the kind and the signing secret stay. */
export const ZUpdateChannel = z
  .object({ name: ZName.optional(), url: ZWebhookUrl.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "send at least one of name, url, enabled", path: ["name"] });
export type TUpdateChannel = z.output<typeof ZUpdateChannel>;

export const ZDeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

const ZEventTypes = z
  .array(ZNotificationEventType)
  .min(1, "pick at least one event type")
  .transform((types) => [...new Set(types)]);

/** Exactly one of templateId (every release of the template) or releaseId (that release). */
export const ZCreateSubscription = z
  .object({ channelId: z.uuid(), templateId: z.uuid().optional(), releaseId: z.uuid().optional(), eventTypes: ZEventTypes })
  .strict()
  .refine((s) => (s.templateId === undefined) !== (s.releaseId === undefined), {
    message: "give exactly one of templateId or releaseId",
    path: ["templateId"],
  });
export type TCreateSubscription = z.output<typeof ZCreateSubscription>;

export const ZSubscriptionsQuery = z.object({ channelId: z.uuid().optional() }).strict();

const MAX_OFFSET_MINUTES = 30 * 1440;

export const ZReminder = z
  .object({
    offsetMinutes: z.number().int().min(-MAX_OFFSET_MINUTES).max(MAX_OFFSET_MINUTES),
    message: z.string().trim().min(1, "a reminder needs a message").max(1000),
  })
  .strict();

/** PUT /api/templates/:id/reminders: the whole plan (at most one reminder per offset), with the template's version. */
export const ZSaveReminders = z
  .object({ reminders: z.array(ZReminder).max(20), version: z.number().int().min(1) })
  .strict()
  .superRefine((b, ctx) => {
    const seen = new Set<number>();
    b.reminders.forEach((r, i) => {
      if (seen.has(r.offsetMinutes)) ctx.addIssue({ code: "custom", message: "two reminders at the same offset", path: ["reminders", i, "offsetMinutes"] });
      seen.add(r.offsetMinutes);
    });
  });
export type TSaveReminders = z.output<typeof ZSaveReminders>;

export const ZDeliverJob = z.object({ deliveryId: z.uuid() }).strict();
