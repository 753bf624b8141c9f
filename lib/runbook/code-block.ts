// Decides whether a fenced code block holds shell commands (to become steps) or something else
// (yaml, json, sql, output...) that is kept as reference instead.

const SHELL_LANGS = new Set([
  "bash", "sh", "shell", "zsh", "ksh", "dash", "shellscript", "shell-script", "console", "shellsession",
  "shell-session", "terminal", "bash-session", "sh-session",
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
  return (lang ?? "").trim().split(/[\s{,]/)[0].toLowerCase();
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

export function isShellBlock(lang: string, code: string): boolean {
  if (lang === "") return looksLikeShell(code);
  return SHELL_LANGS.has(lang);
}
