import { describe, expect, it } from "vitest";
import { tokenizeShell } from "@/lib/runbook/shell-words";

const words = (cmd: string) => tokenizeShell(cmd).map((t) => (t.type === "word" ? t.value : `<${t.value}>`));

describe("tokenizeShell", () => {
  it("splits words and removes quotes", () => {
    expect(words(`curl -H "Content-Type: application/json" -d '{"a": "b"}' https://x`)).toEqual([
      "curl",
      "-H",
      "Content-Type: application/json",
      "-d",
      '{"a": "b"}',
      "https://x",
    ]);
  });

  it("keeps backslashes literal inside single quotes", () => {
    expect(words(`echo '{"code": "print(\\"hi\\")"}'`)).toEqual(["echo", '{"code": "print(\\"hi\\")"}']);
  });

  it("resolves escapes in double quotes and outside quotes", () => {
    expect(words(`grep -i "server\\|x-powered" a\\ b "say \\"hi\\""`)).toEqual(["grep", "-i", "server\\|x-powered", "a b", 'say "hi"']);
  });

  it("joins continuation lines", () => {
    expect(words("curl -X POST \\\n  https://x")).toEqual(["curl", "-X", "POST", "https://x"]);
  });

  it("separates operators and redirections", () => {
    expect(words("a | b && c; d > /dev/null 2>&1")).toEqual(["a", "<|>", "b", "<&&>", "c", "<;>", "d", "<>>", "/dev/null", "<2>>", "<&>", "1"]);
  });

  it("marks words the shell would expand", () => {
    const tokens = tokenizeShell(`curl "$URL/health" '$literal' \${HOST} plain`);
    expect(tokens.map((t) => t.type === "word" && t.expands)).toEqual([false, true, false, true, false]);
  });

  it("drops comments", () => {
    expect(words("ls -la # list\n")).toEqual(["ls", "-la", "<\n>"]);
  });

  it("survives unterminated quotes", () => {
    expect(words(`echo "open`)).toEqual(["echo", "open"]);
    expect(words(`echo 'open`)).toEqual(["echo", "open"]);
  });
});
