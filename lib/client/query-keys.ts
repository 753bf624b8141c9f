// Query-key factories: one per domain, so invalidation and stream updates hit exactly the right caches.
export const releaseKeys = {
  all: ["releases"] as const,
  list: () => [...releaseKeys.all, "list"] as const,
  detail: (id: string) => [...releaseKeys.all, "detail", id] as const,
  // Under the detail key: whatever refreshes the release (its stream) refreshes its plan.
  plan: (id: string) => [...releaseKeys.detail(id), "plan"] as const,
};

export const templateKeys = {
  all: ["templates"] as const,
  list: () => [...templateKeys.all, "list"] as const,
  detail: (id: string) => [...templateKeys.all, "detail", id] as const,
};

export const runKeys = {
  all: ["runs"] as const,
  detail: (id: string) => [...runKeys.all, "detail", id] as const,
};

export const timelineKeys = {
  all: ["timeline"] as const,
  detail: (id: string) => [...timelineKeys.all, id] as const,
};

export const tokenKeys = {
  all: ["tokens"] as const,
  list: (everyone: boolean) => [...tokenKeys.all, everyone ? "everyone" : "mine"] as const,
};
