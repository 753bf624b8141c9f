// 50 release managers ticking different items of one release at once, each item always in one writer's hands
// with its current version, so every answer should be 200 (a 409 here would be a bug, and is counted).
import type { App } from "../lib/app";
import { load } from "../lib/load";
import type { Actor } from "../lib/seed";

type Item = { id: string; version: number; checked: boolean; headers: Record<string, string> };

export async function tickScenario(app: App, releaseId: string, items: { id: string; version: number; checked: boolean }[], writers: Actor[], seconds: number) {
  const free: Item[] = items.slice(0, writers.length).map((item, i) => ({ ...item, headers: writers[i].headers }));
  const result = await load({
    url: app.url,
    connections: writers.length,
    duration: seconds,
    requests: [
      {
        method: "PATCH",
        setupRequest: (req, context) => {
          const item = free.shift()!;
          (context as { item?: Item }).item = item;
          return {
            ...req,
            path: `/api/releases/${releaseId}/items/${item.id}`,
            headers: { ...item.headers, "content-type": "application/json" },
            body: JSON.stringify({ checked: !item.checked, version: item.version }),
          };
        },
        onResponse: (status, body, context) => {
          const item = (context as { item: Item }).item;
          try {
            const parsed = JSON.parse(body) as {
              version?: number;
              checked?: boolean;
              error?: { details?: { current?: { version: number; checked: boolean } } };
            };
            const now = status === 200 ? parsed : parsed.error?.details?.current;
            if (now?.version) Object.assign(item, { version: now.version, checked: now.checked });
          } finally {
            free.push(item);
          }
        },
      },
    ],
  });
  return { writers: writers.length, ...result };
}
