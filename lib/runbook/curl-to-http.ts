import { expectationFromText, mergeExpect } from "@/lib/runbook/http-expectations";
import { ABSENT_HINT, grepExpectation, jqExpectation, parseGrep, pipelineSegments } from "@/lib/runbook/curl-pipes";
import { tokenizeShell } from "@/lib/runbook/shell-words";
import { HTTP_URL, ZHttpMethod, type THttpExpect, type THttpMethod, type THttpStep } from "@/lib/schemas/step";

// Turns a plain `curl` command (optionally `time curl`, `| grep ...`, `> /dev/null`) into an HTTP
// step. Anything the worker could not reproduce exactly - shell variables, loops, files, auth flags,
// other pipes - returns null and stays a command step.

export type CurlContext = {
  /** The comment above the command. */
  description: string | null;
  /** "# Expected: ..." comments after it. */
  expectations: string[];
  /** Nearest heading, for hints such as "no sensitive headers". */
  heading: string | null;
};

export type HttpConversion = Omit<THttpStep, "kind" | "text">;

type CurlArgs = {
  url: string | null;
  method: string | null;
  headers: Record<string, string>;
  data: string[];
  json: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  location: boolean;
  timeoutSec?: number;
  retries?: number;
  retryIntervalSec?: number;
};

const SHORT_FLAGS = new Set(["s", "S", "v", "i", "I", "L", "f", "g", "N"]);
const SHORT_WITH_VALUE = new Set(["X", "H", "d", "o", "w", "m", "A", "e", "b"]);
const LONG_FLAGS: Record<string, string> = {
  location: "L",
  head: "I",
  include: "i",
  fail: "f",
  "fail-with-body": "f",
  silent: "s",
  "show-error": "S",
  verbose: "v",
  globoff: "g",
  "no-buffer": "N",
  compressed: "",
  "no-progress-meter": "",
  "http1.1": "",
  http2: "",
};
const LONG_WITH_VALUE: Record<string, string> = {
  request: "X",
  header: "H",
  data: "d",
  "data-raw": "d",
  "data-binary": "d",
  "data-ascii": "d",
  json: "json",
  output: "o",
  "write-out": "w",
  "max-time": "m",
  "user-agent": "A",
  referer: "e",
  cookie: "b",
  url: "url",
  "connect-timeout": "",
  retry: "retry",
  "retry-delay": "retry-delay",
};

function applyOption(args: CurlArgs, flag: string, value: string): boolean {
  switch (flag) {
    case "X":
      args.method = value.toUpperCase();
      return true;
    case "H": {
      const colon = value.indexOf(":");
      const name = colon > 0 ? value.slice(0, colon).trim() : "";
      if (name === "" || /\s/.test(name)) return false;
      args.headers[name] = value.slice(colon + 1).trim();
      return true;
    }
    case "d":
      if (value.startsWith("@")) return false;
      args.data.push(value);
      return true;
    case "json":
      if (value.startsWith("@")) return false;
      args.data.push(value);
      args.json = true;
      return true;
    case "o":
      return value === "/dev/null";
    case "m":
      args.timeoutSec = Number(value);
      return Number.isFinite(args.timeoutSec) && args.timeoutSec > 0;
    case "retry":
      args.retries = Number(value);
      return Number.isInteger(args.retries) && args.retries >= 0 && args.retries <= 100;
    case "retry-delay":
      args.retryIntervalSec = Number(value);
      return Number.isFinite(args.retryIntervalSec) && args.retryIntervalSec >= 0;
    case "A":
      args.headers["User-Agent"] = value;
      return true;
    case "e":
      args.headers["Referer"] = value;
      return true;
    case "b":
      if (!value.includes("=")) return false;
      args.headers["Cookie"] = value;
      return true;
    case "url":
      if (args.url !== null) return false;
      args.url = value;
      return true;
    default:
      return true; // -w, --connect-timeout: no effect on what is checked
  }
}

function setFlag(args: CurlArgs, flag: string): void {
  if (flag === "I") args.head = true;
  else if (flag === "i") args.include = true;
  else if (flag === "f") args.fail = true;
  else if (flag === "L") args.location = true;
}

function parseCurlArgs(words: string[]): CurlArgs | null {
  const args: CurlArgs = { url: null, method: null, headers: {}, data: [], json: false, head: false, include: false, fail: false, location: false };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word.startsWith("--")) {
      const eq = word.indexOf("=");
      const name = eq > 0 ? word.slice(2, eq) : word.slice(2);
      if (name in LONG_FLAGS && eq < 0) setFlag(args, LONG_FLAGS[name]);
      else if (name in LONG_WITH_VALUE) {
        const value = eq > 0 ? word.slice(eq + 1) : words[++i];
        if (value === undefined || !applyOption(args, LONG_WITH_VALUE[name], value)) return null;
      } else return null;
    } else if (word.startsWith("-") && word.length > 1) {
      for (let k = 1; k < word.length; k++) {
        const flag = word[k];
        if (SHORT_FLAGS.has(flag)) setFlag(args, flag);
        else if (SHORT_WITH_VALUE.has(flag)) {
          const value = k + 1 < word.length ? word.slice(k + 1) : words[++i];
          if (value === undefined || !applyOption(args, flag, value)) return null;
          break;
        } else return null;
      }
    } else {
      if (args.url !== null) return null;
      args.url = word;
    }
  }
  return args;
}

export function curlToHttp(command: string, context: CurlContext): HttpConversion | null {
  // Most commands of a runbook are not curl: skip tokenizing them (a curl spelled with quotes inside, cu''rl, stays a command).
  if (!command.includes("curl")) return null;
  const tokens = tokenizeShell(command);
  const first = tokens.findIndex((t) => !(t.type === "word" && t.value === "time"));
  const segments = pipelineSegments(tokens.slice(first < 0 ? tokens.length : first));
  if (!segments || segments[0][0] !== "curl") return null;
  const args = parseCurlArgs(segments[0].slice(1));
  if (!args || args.url === null) return null;
  // `curl ${API_URL}/health`: the scheme is in the variable, which only the shell knows; it stays a command.
  if (args.url.startsWith("$")) return null;

  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(args.url) ? args.url : `http://${args.url}`;
  if (!HTTP_URL.test(url)) return null;
  const method = args.method ?? (args.head ? "HEAD" : args.data.length > 0 ? "POST" : "GET");
  if (!ZHttpMethod.safeParse(method).success) return null;

  const headers = { ...args.headers };
  const hasHeader = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  if (args.json) {
    if (!hasHeader("content-type")) headers["Content-Type"] = "application/json";
    if (!hasHeader("accept")) headers["Accept"] = "application/json";
  } else if (args.data.length > 0 && !hasHeader("content-type")) {
    headers["Content-Type"] = "application/x-www-form-urlencoded"; // what curl -d sends
  }

  let expect: THttpExpect = args.fail ? { status: { min: 200, max: 299 } } : {};
  const hints = [context.description ?? "", context.heading ?? ""].join(" ");
  for (const segment of segments.slice(1)) {
    const grep = parseGrep(segment);
    const segmentExpect = grep ? grepExpectation(grep, args.head || args.include, ABSENT_HINT.test(hints)) : jqExpectation(segment);
    if (!segmentExpect) return null;
    expect = mergeExpect(expect, segmentExpect);
  }
  if (context.description && /expect|should/i.test(context.description)) {
    expect = mergeExpect(expect, expectationFromText(context.description));
  }
  for (const text of context.expectations) expect = mergeExpect(expect, expectationFromText(text));

  const conversion: HttpConversion = {
    command,
    request: {
      method: method as THttpMethod,
      url,
      headers,
      ...(args.data.length > 0 ? { body: args.data.join("&") } : {}),
      followRedirects: args.location,
    },
    expect,
  };
  if (args.retries !== undefined) conversion.retries = args.retries;
  if (args.retryIntervalSec !== undefined) conversion.retryIntervalSec = args.retryIntervalSec;
  if (args.timeoutSec !== undefined) conversion.timeoutSec = args.timeoutSec;
  return conversion;
}
