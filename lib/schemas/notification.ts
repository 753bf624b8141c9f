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

// ---- answers ----

/** A webhook channel as admins see it: the URL masked, never the signing secret. */
export const ZChannelView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: ZChannelKind,
    url: z.string(),
    signed: z.boolean(),
    /** Until then deliveries are signed with the replaced secret too (after a rotation). */
    previousSecretValidUntil: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();
export type TChannelView = z.output<typeof ZChannelView>;

const ZDeliveryStatus = z.enum(["pending", "sent", "failed"]);

/** GET /api/notifications/channels: with how many subscriptions each has and its last delivery. */
export const ZChannelList = z
  .object({
    channels: z.array(
      ZChannelView.extend({ subscriptions: z.number().int(), lastDelivery: z.object({ status: ZDeliveryStatus, at: z.string() }).strict().nullable() }),
    ),
  })
  .strict();
export type TChannelList = z.output<typeof ZChannelList>;
export type TChannelSummary = TChannelList["channels"][number];

/** POST (201) and PATCH of a channel; a new JSON channel's signing secret is in the answer this once. */
export const ZChannelAnswer = z.object({ channel: ZChannelView, signingSecret: z.string().optional() }).strict();
export type TChannelAnswer = z.output<typeof ZChannelAnswer>;

/** POST /api/notifications/channels/:id/rotate-secret: the new secret, shown this once. */
export const ZRotatedSecret = z.object({ channel: ZChannelView, signingSecret: z.string() }).strict();
export type TRotatedSecret = z.output<typeof ZRotatedSecret>;

/** DELETE of a channel or a subscription. */
export const ZNotificationDeleted = z.object({ deleted: z.boolean() }).strict();
export type TNotificationDeleted = z.output<typeof ZNotificationDeleted>;

/** POST /api/notifications/channels/:id/test: 202, the queued delivery. */
export const ZTestDelivery = z.object({ deliveryId: z.uuid() }).strict();
export type TTestDelivery = z.output<typeof ZTestDelivery>;

/** GET /api/notifications/channels/:id/deliveries: the log, newest first. */
export const ZDeliveryList = z
  .object({
    deliveries: z.array(
      z
        .object({
          id: z.uuid(),
          eventType: z.string(),
          release: z.object({ id: z.uuid(), name: z.string(), version: z.string() }).strict().nullable(),
          status: ZDeliveryStatus,
          attempts: z.number().int(),
          lastError: z.string().nullable(),
          lastStatus: z.number().int().nullable(),
          occurredAt: z.string(),
          createdAt: z.string(),
          updatedAt: z.string(),
          sentAt: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();
export type TDeliveryList = z.output<typeof ZDeliveryList>;
export type TDelivery = TDeliveryList["deliveries"][number];

export const ZSubscriptionView = z
  .object({
    id: z.uuid(),
    channelId: z.uuid(),
    template: z.object({ id: z.uuid(), name: z.string() }).strict().nullable(),
    release: z.object({ id: z.uuid(), name: z.string(), version: z.string() }).strict().nullable(),
    eventTypes: z.array(z.string()),
    createdAt: z.string(),
  })
  .strict();
export type TSubscriptionView = z.output<typeof ZSubscriptionView>;

/** GET /api/notifications/subscriptions. */
export const ZSubscriptionList = z.object({ subscriptions: z.array(ZSubscriptionView) }).strict();
export type TSubscriptionList = z.output<typeof ZSubscriptionList>;

/** POST /api/notifications/subscriptions: 201, the new subscription. */
export const ZSubscriptionAnswer = z.object({ subscription: ZSubscriptionView }).strict();
export type TSubscriptionAnswer = z.output<typeof ZSubscriptionAnswer>;

/** GET and PUT /api/templates/:id/reminders: the communication plan (the default one until a plan is saved). */
export const ZRemindersView = z
  .object({
    reminders: z.array(z.object({ offsetMinutes: z.number().int(), message: z.string() }).strict()),
    isDefault: z.boolean(),
    version: z.number().int(),
    /** What a message may say in {{...}}. */
    placeholders: z.array(z.string()),
  })
  .strict();
export type TRemindersView = z.output<typeof ZRemindersView>;
