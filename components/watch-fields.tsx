"use client";

// The fields of a metric to watch, shared by the canary form and the "bind a threshold" form: where the number
// comes from (a JSON document and a path, or a Prometheus query), what healthy is, how often to sample and an
// optional stricter limit for the first minutes after T-0.

export type WatchConfig = {
  source?: { type: "json"; url: string; path: string } | { type: "prometheus"; url: string; query: string };
  healthy?: { op: string; value: number };
  unit?: string;
  intervalSec?: number;
  durationSec?: number;
  failAfter?: number;
  maxMissing?: number;
  releaseWindow?: { minutes: number; value: number };
};
export type WatchDraft = {
  text: string;
  type: "json" | "prometheus";
  url: string;
  pathOrQuery: string;
  op: string;
  value: string;
  unit: string;
  intervalSec: string;
  durationSec: string;
  failAfter: string;
  windowMinutes: string;
  windowValue: string;
};

export function watchDraft(w?: WatchConfig & { text?: string }): WatchDraft {
  const src = w?.source;
  return {
    text: w?.text ?? "error rate",
    type: src?.type ?? "json",
    url: src?.url ?? "",
    pathOrQuery: src ? (src.type === "json" ? src.path : src.query) : "",
    op: w?.healthy?.op ?? "<",
    value: w?.healthy ? String(w.healthy.value) : "1",
    unit: w?.unit ?? "",
    intervalSec: String(w?.intervalSec ?? 10),
    durationSec: String(w?.durationSec ?? 300),
    failAfter: String(w?.failAfter ?? 1),
    windowMinutes: w?.releaseWindow ? String(w.releaseWindow.minutes) : "",
    windowValue: w?.releaseWindow ? String(w.releaseWindow.value) : "",
  };
}

/** The draft as a watch config (numbers as numbers); the server's schema says what is wrong with it. */
export function watchConfig(d: WatchDraft, withDuration = false): Record<string, unknown> {
  return {
    source:
      d.type === "json"
        ? { type: "json", url: d.url.trim(), path: d.pathOrQuery.trim() }
        : { type: "prometheus", url: d.url.trim(), query: d.pathOrQuery.trim() },
    healthy: { op: d.op, value: Number(d.value) },
    ...(d.unit.trim() ? { unit: d.unit.trim() } : {}),
    intervalSec: Number(d.intervalSec),
    failAfter: Number(d.failAfter),
    ...(withDuration ? { durationSec: Number(d.durationSec) } : {}),
    ...(d.windowMinutes.trim() && d.windowValue.trim() ? { releaseWindow: { minutes: Number(d.windowMinutes), value: Number(d.windowValue) } } : {}),
  };
}

const input = "rounded border border-slate-300 px-2 py-1";

export function WatchFields({ draft: d, onChange, withDuration }: { draft: WatchDraft; onChange: (d: WatchDraft) => void; withDuration: boolean }) {
  const set = (patch: Partial<WatchDraft>) => onChange({ ...d, ...patch });
  return (
    <div className="space-y-2">
      <label className="block">
        Metric name <input aria-label="Metric name" value={d.text} onChange={(e) => set({ text: e.target.value })} className={`ml-1 ${input}`} />
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label="Metric source" value={d.type} onChange={(e) => set({ type: e.target.value as WatchDraft["type"] })} className={input}>
          <option value="json">JSON document</option>
          <option value="prometheus">Prometheus</option>
        </select>
        <input
          aria-label="Metric URL"
          value={d.url}
          onChange={(e) => set({ url: e.target.value })}
          placeholder={d.type === "json" ? "https://service/metrics.json" : "http://prometheus:9090"}
          className={`min-w-64 flex-1 font-mono ${input}`}
        />
        <input
          aria-label={d.type === "json" ? "JSON path" : "Prometheus query"}
          value={d.pathOrQuery}
          onChange={(e) => set({ pathOrQuery: e.target.value })}
          placeholder={d.type === "json" ? "$.errorRatePercent" : "sum(rate(http_errors[1m]))"}
          className={`min-w-48 flex-1 font-mono ${input}`}
        />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        healthy while
        <select aria-label="Operator" value={d.op} onChange={(e) => set({ op: e.target.value })} className={input}>
          {["<", "<=", ">", ">="].map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <input aria-label="Limit" type="number" step="any" value={d.value} onChange={(e) => set({ value: e.target.value })} className={`w-24 ${input}`} />
        <input aria-label="Unit" value={d.unit} onChange={(e) => set({ unit: e.target.value })} placeholder="%" className={`w-16 ${input}`} />· sample every{" "}
        <input
          aria-label="Interval seconds"
          type="number"
          min={0.05}
          step="any"
          value={d.intervalSec}
          onChange={(e) => set({ intervalSec: e.target.value })}
          className={`w-20 ${input}`}
        />{" "}
        s · fail after{" "}
        <input
          aria-label="Fail after"
          type="number"
          min={1}
          value={d.failAfter}
          onChange={(e) => set({ failAfter: e.target.value })}
          className={`w-16 ${input}`}
        />{" "}
        bad samples in a row
        {withDuration && (
          <>
            · for{" "}
            <input
              aria-label="Duration seconds"
              type="number"
              min={0}
              value={d.durationSec}
              onChange={(e) => set({ durationSec: e.target.value })}
              className={`w-20 ${input}`}
            />{" "}
            s
          </>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-slate-600">
        stricter in the first{" "}
        <input
          aria-label="Release window minutes"
          type="number"
          min={1}
          value={d.windowMinutes}
          onChange={(e) => set({ windowMinutes: e.target.value })}
          className={`w-16 ${input}`}
        />{" "}
        minutes after T-0: limit
        <input
          aria-label="Release window limit"
          type="number"
          step="any"
          value={d.windowValue}
          onChange={(e) => set({ windowValue: e.target.value })}
          className={`w-24 ${input}`}
        />{" "}
        (optional)
      </div>
    </div>
  );
}
