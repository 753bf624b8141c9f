import { describe, expect, it } from "vitest";
import { codeLanguage, isShellBlock, looksLikeShell } from "@/lib/runbook/code-block";

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
