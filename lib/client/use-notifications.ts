"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { TChannelSummary, TDelivery, TSubscriptionView } from "@/lib/schemas/notification";

export type ChannelRow = TChannelSummary;
export type DeliveryRow = TDelivery;
export type SubscriptionRow = TSubscriptionView;

export const notificationKeys = {
  all: ["notifications"] as const,
  channels: () => [...notificationKeys.all, "channels"] as const,
  deliveries: (channelId: string) => [...notificationKeys.all, "deliveries", channelId] as const,
  subscriptions: (channelId: string) => [...notificationKeys.all, "subscriptions", channelId] as const,
};

export function useChannels() {
  return useQuery({ queryKey: notificationKeys.channels(), queryFn: () => apiFetch<{ channels: ChannelRow[] }>("/api/notifications/channels") });
}

/**
 * How soon the delivery log looks again. Deliveries change in the workers, not through this page, so it polls, but
 * briskly only while a row is on its way: a fresh pending row is sent within a sweep, one waiting for a retry within
 * its backoff. Otherwise a slow poll, plus a refetch whenever the window regains focus and after every change made
 * here (a test message, a new subscription), picks up new rows.
 */
export function deliveryLogInterval(deliveries: readonly Pick<DeliveryRow, "status" | "attempts">[] | undefined): number {
  const pending = deliveries?.filter((d) => d.status === "pending") ?? [];
  if (pending.some((d) => d.attempts === 0)) return 1_500;
  return pending.length ? 5_000 : 30_000;
}

export function useDeliveries(channelId: string) {
  return useQuery({
    queryKey: notificationKeys.deliveries(channelId),
    queryFn: () => apiFetch<{ deliveries: DeliveryRow[] }>(`/api/notifications/channels/${channelId}/deliveries`),
    refetchInterval: (query) => deliveryLogInterval(query.state.data?.deliveries),
    refetchOnWindowFocus: "always",
  });
}

export function useSubscriptions(channelId: string) {
  return useQuery({
    queryKey: notificationKeys.subscriptions(channelId),
    queryFn: () => apiFetch<{ subscriptions: SubscriptionRow[] }>(`/api/notifications/subscriptions?channelId=${channelId}`),
  });
}

/** Any change to channels or subscriptions: refetch everything under notifications afterwards. */
export function useNotificationMutation<T, R = unknown>(request: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }) });
}
