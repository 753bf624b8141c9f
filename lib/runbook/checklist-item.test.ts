import { describe, expect, it } from "vitest";
import type { Paragraph } from "mdast";
import { parseMarkdown } from "@/lib/runbook/markdown-parse";
import { isRequired, ownerRoleOf } from "@/lib/runbook/checklist-item";
import { inlineText } from "@/lib/runbook/markdown-text";

const paragraph = (md: string) => parseMarkdown(md).children[0] as Paragraph;
const owner = (md: string) => {
  const p = paragraph(md);
  return ownerRoleOf(inlineText(p), p);
};

describe("ownerRoleOf", () => {
  it.each([
    ["Rotate secrets (Owner: DevOps)", "DevOps"],
    ["Rotate secrets (owned by Platform Team)", "Platform Team"],
    ["**QA**: run the regression suite", "QA"],
    ["**Release Manager:** sign off", "Release Manager"],
    ["[SRE] check error budget", "SRE"],
    ["Announce launch. Owner: Marketing", "Marketing"],
  ])("%j -> %s", (md, role) => {
    expect(owner(md)).toBe(role);
  });

  it.each(["**API Latency**: P95 > 500ms", "**Final Backup**: Complete system backup", "All tests passing", "Ping [the team](https://x)"])(
    "%j has no owner",
    (md) => {
      expect(owner(md)).toBeNull();
    },
  );
});

describe("isRequired", () => {
  it.each(["Tweet the launch (optional)", "Optional: update the blog", "Update the wiki [optional]", "(Optional, if time) demo"])("%j is optional", (text) => {
    expect(isRequired(text)).toBe(false);
  });

  it.each(["Run the migrations", "Make the optional feature flag default-off"])("%j is required", (text) => {
    expect(isRequired(text)).toBe(true);
  });
});
