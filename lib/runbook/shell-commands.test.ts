import { describe, expect, it } from "vitest";
import { commentText, splitShellCommands, stripConsolePrompts, type ShellCommand } from "@/lib/runbook/shell-commands";

const commands = (code: string) =>
  splitShellCommands(code)
    .filter((e): e is ShellCommand => e.kind === "command")
    .map((e) => e.command);

describe("splitShellCommands", () => {
  it("makes one command per line", () => {
    expect(commands("cd backend\nnpm test\n\nls -la")).toEqual(["cd backend", "npm test", "ls -la"]);
  });

  it("keeps continuation lines with their command", () => {
    const code = "docker run --rm \\\n  -v /a:/b \\\n  image:latest\necho done";
    expect(commands(code)).toEqual(["docker run --rm \\\n  -v /a:/b \\\n  image:latest", "echo done"]);
  });

  it("keeps a heredoc whole", () => {
    const code = "psql -d db << EOF\nSELECT 1;\nSELECT 2;\nEOF\necho after";
    expect(commands(code)).toEqual(["psql -d db << EOF\nSELECT 1;\nSELECT 2;\nEOF", "echo after"]);
  });

  it("keeps quoted and <<- heredocs whole", () => {
    const code = "cat <<-'END' > f\n\tline $x\n\tEND\ncat <<\"X\"\nbody\nX";
    expect(commands(code)).toEqual(["cat <<-'END' > f\n\tline $x\n\tEND", 'cat <<"X"\nbody\nX']);
  });

  it("keeps a for loop whole", () => {
    const code = 'for lang in python c; do\n  echo "Testing $lang..."\n  curl -X POST https://x/execute \\\n    -d "{}"\ndone\nls';
    const out = commands(code);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^for lang[\s\S]*done$/);
  });

  it("keeps if/else and nested loops whole", () => {
    const code = "if curl -f -s http://x/ > /dev/null; then\n  for i in 1 2; do\n    echo $i\n  done\nelse\n  echo no\nfi\necho next";
    expect(commands(code)).toEqual([code.slice(0, code.indexOf("\necho next")), "echo next"]);
  });

  it("keeps one-line loops and case blocks", () => {
    expect(commands("for f in *; do echo $f; done\nwhile true; do sleep 1; done")).toHaveLength(2);
    const code = 'case "$1" in\n  start) run ;;\n  *) usage ;;\nesac\necho ok';
    expect(commands(code)).toEqual([code.slice(0, code.indexOf("\necho ok")), "echo ok"]);
  });

  it("keeps functions and brace groups whole", () => {
    const code = "deploy() {\n  kubectl apply -f k8s/\n  kubectl rollout status deploy/x\n}\ndeploy";
    expect(commands(code)).toEqual(["deploy() {\n  kubectl apply -f k8s/\n  kubectl rollout status deploy/x\n}", "deploy"]);
  });

  it("keeps a config block with braces whole", () => {
    const code = "/var/log/app/*.log {\n    daily\n    rotate 30\n}";
    expect(commands(code)).toEqual([code]);
  });

  it("keeps multi-line quoted arguments", () => {
    const code = 'kubectl patch svc x \\\n  -p \'{"spec":\n  {"a":1}}\'\necho ok';
    expect(commands(code)).toEqual(['kubectl patch svc x \\\n  -p \'{"spec":\n  {"a":1}}\'', "echo ok"]);
  });

  it("continues after a trailing pipe or &&", () => {
    expect(commands("cat file |\n  grep x\nmake &&\n  make install")).toEqual(["cat file |\n  grep x", "make &&\n  make install"]);
  });

  it("does not treat # inside words or quotes as a comment", () => {
    expect(commands('echo "a # b" url#frag ${#arr[@]}\nls')).toEqual(['echo "a # b" url#frag ${#arr[@]}', "ls"]);
  });

  it("keeps multi-line SQL statements together", () => {
    const code = "SELECT a, b FROM t\nWHERE x = 'y';\nSELECT 1;";
    expect(commands(code)).toEqual(["SELECT a, b FROM t\nWHERE x = 'y';", "SELECT 1;"]);
  });

  it("turns comments into the next command's description", () => {
    const entries = splitShellCommands("# Cache hit test\n# Make two requests\ntime curl https://x\ntime curl https://x\n\nls");
    expect(entries).toMatchObject([
      { kind: "command", description: "Cache hit test. Make two requests", line: 2 },
      { kind: "command", description: "Cache hit test. Make two requests", line: 3 },
      { kind: "command", description: null, line: 5 },
    ]);
  });

  it("strips step numbers and decoration from comments", () => {
    expect(commentText("# 1. Connect to production database")).toBe("Connect to production database");
    expect(commentText("## ===== Section =====")).toBe("Section");
    expect(commentText("#")).toBe("");
  });

  it("attaches Expected comments to the command before them", () => {
    const entries = splitShellCommands("# Health check\ncurl -v https://x/health\n# Expected: 200 OK\n\n# Next\nls");
    expect(entries).toMatchObject([
      { description: "Health check", expectations: ["Expected: 200 OK"] },
      { description: "Next", expectations: [] },
    ]);
  });

  it("keeps trailing comments as a note", () => {
    const entries = splitShellCommands("./run.sh\n# Verify all endpoints responding\n# Check cache");
    expect(entries).toMatchObject([
      { kind: "command", command: "./run.sh" },
      { kind: "note", text: "Verify all endpoints responding. Check cache", line: 1 },
    ]);
  });

  it("makes a comment-only block a single note", () => {
    expect(splitShellCommands("# Monitor support tickets\n# Check error tracking system")).toEqual([
      { kind: "note", text: "Monitor support tickets. Check error tracking system", line: 0 },
    ]);
  });

  it("ignores shebangs and blank blocks", () => {
    expect(splitShellCommands("#!/bin/bash\n\n   \n")).toEqual([]);
    expect(commands("#!/bin/bash\nset -e")).toEqual(["set -e"]);
  });

  it("never hangs on unbalanced input", () => {
    expect(commands("echo 'unterminated\nls\nfor x in y; do\n")).toHaveLength(1);
    expect(commands("cat << EOF\nno end")).toEqual(["cat << EOF\nno end"]);
    expect(commands("fi\ndone\n}\n)\nls")).toEqual(["fi", "done", "}", ")", "ls"]);
  });
});

describe("stripConsolePrompts", () => {
  it("keeps prompt lines and drops output", () => {
    expect(stripConsolePrompts("$ npm test\nok 1 passed\n$ ls \\\n  -la\nfile")).toBe("npm test\n\nls \\\n  -la\n");
  });

  it("leaves blocks without prompts alone", () => {
    expect(stripConsolePrompts("npm test")).toBe("npm test");
  });
});
