import { describe, expect, it } from "vitest";
import { codeLanguage, isShellBlock, looksLikeConfig, looksLikeShell } from "@/lib/runbook/code-block";

describe("code blocks", () => {
  it.each(["bash", "sh", "shell", "console", "zsh"])("%s is shell", (lang) => {
    expect(isShellBlock(lang, "anything")).toBe(true);
  });

  it.each(["yaml", "json", "sql", "python", "typescript", "promql", "text"])("%s is not shell", (lang) => {
    expect(isShellBlock(lang, "kubectl apply -f x")).toBe(false);
  });

  it("reads the language from an info string", () => {
    expect(codeLanguage("Bash title=deploy.sh")).toBe("bash");
    expect(codeLanguage("sh{1,3}")).toBe("sh");
    expect(codeLanguage(null)).toBe("");
  });

  it("recognises untagged shell", () => {
    expect(looksLikeShell("# deploy\nkubectl apply -f k8s/\n./scripts/smoke.sh\n")).toBe(true);
    expect(looksLikeShell("$ npm test\n> ok")).toBe(true);
  });

  it("does not take prose or templates for shell", () => {
    expect(looksLikeShell("[INVESTIGATING] We are currently investigating reports of [issue].\nUpdates will follow.")).toBe(false);
    expect(looksLikeShell("Incident: [Title]\nSeverity: [P0/P1]")).toBe(false);
    expect(looksLikeShell("")).toBe(false);
  });
});

describe("only shell is runnable", () => {
  it("reads DNS records and config stanzas in a bash fence as configuration", () => {
    expect(looksLikeConfig("# DNS\napp.example.com    A      1.2.3.4\nwww.example.com CNAME app.example.com\n")).toBe(true);
    expect(looksLikeConfig("/var/log/app/*.log {\n    daily\n    rotate 30\n}\n")).toBe(true);
    expect(looksLikeConfig("@ 300 IN MX 10 mail.example.com.\n")).toBe(true);
    expect(isShellBlock("bash", "/var/log/app/*.log {\n  daily\n}")).toBe(false);
    expect(isShellBlock("", "server {\n  listen 80;\n}")).toBe(false);
  });

  it("keeps scripts with functions, ifs and loops runnable", () => {
    expect(isShellBlock("bash", "deploy() {\n  kubectl apply -f k8s/\n}\ndeploy")).toBe(true);
    expect(isShellBlock("bash", "if curl -f http://x; then\n  echo ok\nfi")).toBe(true);
    expect(isShellBlock("bash", "dig A example.com\nnslookup example.com")).toBe(true);
    expect(isShellBlock("sql", "SELECT 1;")).toBe(false);
    expect(isShellBlock("yaml", "a: 1")).toBe(false);
  });
});
