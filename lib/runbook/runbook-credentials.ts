import type { TRunbookCredential } from "@/lib/schemas/runbook";

// A credential written into a runbook is not stored: before the Markdown is read, each one becomes a `${NAME}`
// reference to an environment secret, and the import says which secrets to add. What counts as a credential:
// - an `Authorization` header's value (`Bearer ...`, `Basic ...`, `Token ...`), anywhere;
// - the password of a URL's user-info (`https://deploy:pw@host`), anywhere;
// - a URL query parameter named like a credential (`?token=`, `&api_key=`, `access_token`, `secret`, `password`);
// - `curl -u user:password` / `--user`, and `curl -b` / `--cookie` with a cookie's value;
// - in code blocks and `-H` arguments: `Cookie`, `X-API-Key` and any header (or YAML key) whose name says token,
//   secret, api key or password, when its value looks like one (not a placeholder, not a plain word or number).
// A command step then reads the secret from its environment (`${NAME}` is a shell expansion: a single-quoted value
// is re-quoted so the shell expands it); an http step resolves it at run time from the environment's secrets.

const CREDENTIAL_NAME = /token|secret|passw(or)?d|passwd|pwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key|signature|^sig$|^key$|^auth$|session|cookie/i;
const PLACEHOLDER =
  /^(<[^>]*>|\{\{.*\}\}|\$.*|%[A-Z_]+%|x{3,}|\*{3,}|\.{3}|…|your[-_ ].*|(my|the|a)[-_]?(token|secret|password|key)|token|secret|password|redacted|changeme|example|null|none|undefined|true|false)$/i;

const AUTHORIZATION = /\b((?:Proxy-)?Authorization)(\s*[:=]\s*)(Bearer|Basic|Token|Bot|Digest|Negotiate|ApiKey)?(\s*)([^\s'"`,;]+)/gi;
const USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/:@'"`]+):([^\s/@'"`]+)@/gi;
const QUERY_PARAM = /([?&])([\w.-]+)=([^&\s#'"`)\]]+)/g;
const CURL_USER = /(\s(?:-u\s*|--user[=\s]\s*))(['"]?)([^\s:'"]+):([^\s'"]+)\2/g;
const CURL_COOKIE = /(\s(?:-b\s*|--cookie[=\s]\s*))(['"]?)([^\s'"=]+=[^'"\n]*?)\2(?=\s|$)/g;
/** `-H 'Name: value'` / `--header "Name: value"`. */
const HEADER_ARG = /(-H\s*|--header[=\s]\s*)(['"]?)([A-Za-z][\w-]*)(\s*:\s*)([^'"\n]*?)\2(?=\s|$)/g;
/** A line of a code block that sets a named value: YAML `api_token: ...`, `.env` / shell `API_TOKEN=...`, an HTTP file's header. */
const NAMED_VALUE = /^(\s*(?:-\s+)?(?:export\s+)?["']?)([A-Za-z][\w.-]*)(["']?\s*[:=]\s*)(["']?)([^\s"'#]+)\4(\s*(?:#.*)?)$/;

export type CredentialScan = { markdown: string; credentials: TRunbookCredential[] };

export function replaceRunbookCredentials(markdown: string): CredentialScan {
  const names = new Names();
  let fence: string | null = null;
  let inCurl = false; // a curl command continued on this line with a trailing backslash
  const lines = markdown.split("\n").map((text, i) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(text)?.[1];
    if (marker && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      return text;
    }
    inCurl = inCurl || /\bcurl\b/.test(text);
    const out = replaceInLine(text, i + 1, fence !== null, inCurl, names);
    inCurl = inCurl && /\\\s*$/.test(text);
    return out;
  });
  return { markdown: lines.join("\n"), credentials: names.found };
}

function replaceInLine(text: string, line: number, inCode: boolean, inCurl: boolean, names: Names): string {
  const ref = (name: string, at: number, where: string, value: string) => reference(names.nameFor(name, value, line, where), inCode && singleQuoted(text, at));
  text = text.replace(AUTHORIZATION, (all, header: string, sep: string, scheme: string | undefined, space: string, value: string, at: number) => {
    if (PLACEHOLDER.test(value) || value.length < 4 || (!scheme && !inCode)) return all;
    const name = /^basic$/i.test(scheme ?? "") ? "BASIC_AUTH" : scheme ? "API_TOKEN" : "AUTHORIZATION";
    const offset = at + all.length - value.length;
    return `${header}${sep}${scheme ?? ""}${space}${ref(name, offset, `${header} header`, value)}`;
  });
  text = text.replace(USER_INFO, (all, scheme: string, user: string, password: string, at: number) => {
    if (PLACEHOLDER.test(password)) return all;
    return `${scheme}${user}:${ref(`${user}_PASSWORD`, at, `password in a URL (${user}@...)`, password)}@`;
  });
  text = text.replace(QUERY_PARAM, (all, sep: string, param: string, value: string, at: number) => {
    if (!CREDENTIAL_NAME.test(param) || PLACEHOLDER.test(value) || value.length < 4) return all;
    return `${sep}${param}=${ref(param, at, `URL query parameter ${param}`, value)}`;
  });
  if (inCurl) {
    text = text.replace(CURL_USER, (all, flag: string, quote: string, user: string, password: string, at: number) => {
      if (PLACEHOLDER.test(password) || user.startsWith("$")) return all;
      return `${flag}${quote}${user}:${ref(`${user}_PASSWORD`, at + flag.length + 1, "curl -u password", password)}${quote}`;
    });
    text = text.replace(CURL_COOKIE, (all, flag: string, quote: string, cookie: string, at: number) => {
      if (cookie.includes("$") || PLACEHOLDER.test(cookie.split("=")[1] ?? "")) return all;
      return `${flag}${quote}${ref("COOKIE", at + flag.length + 1, "curl -b cookie", cookie)}${quote}`;
    });
  }
  const named = (header: string, value: string, at: number, where: string): string | null => {
    const explicit = /^(cookie|x-api-key)$/i.test(header);
    if (/^(proxy-)?authorization$/i.test(header) || !(explicit || CREDENTIAL_NAME.test(header))) return null;
    const v = value.trim();
    if (v === "" || v.includes("${") || PLACEHOLDER.test(v) || !(explicit || looksLikeSecret(v))) return null;
    return value.replace(v, ref(header, at, where, v));
  };
  text = text.replace(HEADER_ARG, (all, flag: string, quote: string, header: string, sep: string, value: string, at: number) => {
    const replaced = named(header, value, at + all.length - 1, `${header} header`);
    return replaced === null ? all : `${flag}${quote}${header}${sep}${replaced}${quote}`;
  });
  if (inCode) {
    text = text.replace(NAMED_VALUE, (all, lead: string, key: string, sep: string, quote: string, value: string, rest: string) => {
      const replaced = named(key, value, lead.length + key.length + sep.length + quote.length, key);
      return replaced === null ? all : `${lead}${key}${sep}${quote}${replaced}${quote}${rest}`;
    });
  }
  return text;
}

/** A value, not a name or a setting: long enough, not one word, not only digits. */
function looksLikeSecret(value: string): boolean {
  if (value.length < 8 || /\s/.test(value) || /^\d+$/.test(value) || /^[a-z]+(-[a-z]+)*$/.test(value)) return false;
  return /\d/.test(value) || value.length >= 20;
}

/** Whether position `at` of a shell line lies inside single quotes, where `${NAME}` would not be expanded. */
function singleQuoted(line: string, at: number): boolean {
  let single = false;
  let double = false;
  for (let i = 0; i < at; i++) {
    const c = line[i];
    if (c === "\\" && !single) i++;
    else if (c === "'" && !double) single = !single;
    else if (c === '"' && !single) double = !double;
  }
  return single;
}

const reference = (name: string, quoted: boolean) => (quoted ? `'"\${${name}}"'` : `\${${name}}`);

class Names {
  readonly found: TRunbookCredential[] = [];
  private byValue = new Map<string, string>();
  private used = new Set<string>();

  /** The secret's name: upper snake case of what the runbook called it, one name per distinct value. */
  nameFor(hint: string, value: string, line: number, where: string): string {
    const known = this.byValue.get(value);
    if (known) return known;
    const base =
      hint
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "")
        .replace(/^(?=\d)/, "_") || "SECRET";
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    this.byValue.set(value, name);
    this.found.push({ name, line, where, message: `add \`${name}\` to the environment's secrets` });
    return name;
  }
}
