"use client";

import { useState } from "react";

// The fields of an http step a manager edits: request method and URL, and what the answer must show (status
// codes, headers present or absent, body text, JSON values). Lists are typed as text: comma- or line-separated.

export type HttpRequest = { method: string; url: string; headers?: Record<string, string>; body?: string; followRedirects?: boolean };
export type HttpExpect = {
  status?: { anyOf?: number[]; min?: number; max?: number };
  headerPresent?: string[];
  headerAbsent?: string[];
  bodyContains?: string[];
  jsonPath?: { path: string; equals: unknown }[];
  maxLatencyMs?: number;
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const field = "mt-1 block w-full rounded border border-slate-300 px-2 py-1";
const list = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

/** `path = value` per line; the value is JSON when it parses (3, true, "ok"), else the text itself. */
function parseJsonChecks(text: string): { path: string; equals: unknown }[] {
  return list(text, /\n/).map((line) => {
    const at = line.indexOf("=");
    const path = (at < 0 ? line : line.slice(0, at)).trim();
    const raw = at < 0 ? "" : line.slice(at + 1).trim();
    let equals: unknown = raw;
    try {
      equals = JSON.parse(raw);
    } catch {
      // plain text
    }
    return { path, equals };
  });
}

export function useHttpStepFields(request: HttpRequest | undefined, expect: HttpExpect | undefined) {
  const [method, setMethod] = useState(request?.method ?? "GET");
  const [url, setUrl] = useState(request?.url ?? "");
  const [statuses, setStatuses] = useState(expect?.status?.anyOf?.join(", ") ?? "");
  const [present, setPresent] = useState(expect?.headerPresent?.join(", ") ?? "");
  const [absent, setAbsent] = useState(expect?.headerAbsent?.join(", ") ?? "");
  const [body, setBody] = useState(expect?.bodyContains?.join("\n") ?? "");
  const [json, setJson] = useState(expect?.jsonPath?.map((j) => `${j.path} = ${JSON.stringify(j.equals)}`).join("\n") ?? "");

  /** The step's config: the request as it was with the new method and URL, the expectations as typed. */
  function config() {
    const next: HttpExpect = { ...(expect ?? {}) };
    const set = <K extends keyof HttpExpect>(key: K, value: HttpExpect[K] | undefined) => {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
      else next[key] = value;
    };
    set("status", statuses.trim() ? { anyOf: list(statuses, /[\s,]+/).map(Number) } : (expect?.status ?? { min: 200, max: 399 }));
    set("headerPresent", list(present, /[\s,]+/));
    set("headerAbsent", list(absent, /[\s,]+/));
    set("bodyContains", list(body, /\n/));
    set("jsonPath", parseJsonChecks(json));
    return { request: { ...(request ?? { headers: {} }), method, url: url.trim() }, expect: next };
  }

  const fields = (
    <fieldset className="space-y-2">
      <div className="flex gap-2">
        <label>
          Method
          <select
            aria-label="HTTP method"
            value={method}
            onChange={(e) => setMethod(e.target.value)}
            className="mt-1 block rounded border border-slate-300 px-1 py-1"
          >
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="flex-1">
          URL{" "}
          <input
            aria-label="URL"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://api.example.com/health"
            className={`${field} font-mono`}
          />
        </label>
      </div>
      <label className="block">
        Expected status codes{" "}
        <input
          aria-label="Expected status codes"
          value={statuses}
          onChange={(e) => setStatuses(e.target.value)}
          placeholder="200, 204 (empty: any 2xx or 3xx)"
          className={field}
        />
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        <label className="block">
          Headers that must be present{" "}
          <input
            aria-label="Headers that must be present"
            value={present}
            onChange={(e) => setPresent(e.target.value)}
            placeholder="strict-transport-security"
            className={field}
          />
        </label>
        <label className="block">
          Headers that must be absent{" "}
          <input
            aria-label="Headers that must be absent"
            value={absent}
            onChange={(e) => setAbsent(e.target.value)}
            placeholder="server, x-powered-by"
            className={field}
          />
        </label>
      </div>
      <label className="block">
        Body must contain (one per line){" "}
        <textarea aria-label="Body must contain" value={body} onChange={(e) => setBody(e.target.value)} rows={2} className={field} />
      </label>
      <label className="block">
        JSON values (one per line: path = value){" "}
        <textarea
          aria-label="JSON values"
          value={json}
          onChange={(e) => setJson(e.target.value)}
          rows={2}
          placeholder={'.status = "ok"\n.checks[0].healthy = true'}
          className={`${field} font-mono`}
        />
      </label>
    </fieldset>
  );
  return { fields, config };
}
