// Decides whether a fenced code block holds shell commands (to become steps) or something else
// (yaml, json, sql, output...) that is kept as reference instead.

const SHELL_LANGS = new Set([
  "bash",
  "sh",
  "shell",
  "zsh",
  "ksh",
  "dash",
  "shellscript",
  "shell-script",
  "console",
  "shellsession",
  "shell-session",
  "terminal",
  "bash-session",
  "sh-session",
]);
const CONSOLE_LANGS = new Set(["console", "shellsession", "shell-session", "terminal", "bash-session", "sh-session"]);

const COMMAND_WORDS = new Set(
  (
    "sudo cd ls cp mv rm mkdir touch cat echo printf export source curl wget kubectl docker docker-compose " +
    "podman helm git npm npx yarn pnpm node deno bun python python3 pip pip3 pytest poetry make bash sh zsh " +
    "psql mysql mysqldump pg_dump pg_restore redis-cli mongo mongosh aws gcloud az terraform ansible " +
    "ansible-playbook ssh scp rsync systemctl service journalctl tail head grep sed awk chmod chown tar gzip " +
    "unzip openssl alembic cargo go java mvn gradle brew apt apt-get yum dnf apk k6 watch time sleep kill " +
    "set env ping dig nslookup nc telnet certbot nginx flyctl heroku vercel firebase gh jq xargs find"
  ).split(" "),
);

export function codeLanguage(lang: string | null | undefined): string {
  return (lang ?? "")
    .trim()
    .split(/[\s{,]/)[0]
    .toLowerCase();
}

export function isConsoleLanguage(lang: string): boolean {
  return CONSOLE_LANGS.has(lang);
}

/** An untagged block looks like shell when most of its non-comment lines start with a command. */
export function looksLikeShell(code: string): boolean {
  const lines = code
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  if (lines.length === 0) return false;
  const commandLike = lines.filter((line) => {
    const first = line.replace(/^[$%]\s+/, "").split(/\s+/)[0];
    return COMMAND_WORDS.has(first) || /^\.{0,2}\/[\w.-]/.test(first) || /^[A-Z_][A-Z0-9_]*=\S*$/.test(first) || /^[$%] /.test(line);
  });
  return commandLike.length * 2 >= lines.length;
}

// A DNS record ("api.example.com  CNAME  example.com", "@ 300 IN A 1.2.3.4") and the header of a config stanza
// ("/var/log/app/*.log {", "server {") : written in bash fences often enough, never commands.
const ZONE_RECORD = /^(?:\S+\s+)?(?:\d+\s+)?(?:IN\s+)?(?:A|AAAA|CNAME|MX|TXT|NS|SRV|CAA|PTR|SOA|ALIAS)\s+\S/;
const STANZA_OPEN = /^[^\s(){}$;|&=#"'`]+(?:\s+[^\s(){}$;|&=#"'`]+)?\s*\{$/;

/** Most non-comment lines are zone records or lines of config stanzas (logrotate, nginx): not a script. */
export function looksLikeConfig(code: string): boolean {
  let config = 0;
  let total = 0;
  let depth = 0;
  for (const raw of code.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    total++;
    const first = line.split(/\s+/)[0];
    if (depth > 0) {
      config++;
      if (line === "}") depth--;
      else if (line.endsWith("{")) depth++;
    } else if (STANZA_OPEN.test(line) && !COMMAND_WORDS.has(first)) {
      config++;
      depth = 1;
    } else if (ZONE_RECORD.test(line) && !COMMAND_WORDS.has(first)) config++;
  }
  return total > 0 && config * 2 > total;
}

export function isShellBlock(lang: string, code: string): boolean {
  if (lang === "") return looksLikeShell(code) && !looksLikeConfig(code);
  return SHELL_LANGS.has(lang) && !looksLikeConfig(code);
}
