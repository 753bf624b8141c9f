import { describe, expect, it } from "vitest";
import { capOutput } from "@/workers/run/output-cap";

describe("capOutput", () => {
  it("lets lines through up to the cap, then one truncation line and nothing more", () => {
    const lines: [string, string][] = [];
    const cap = capOutput(20, (stream, line) => lines.push([stream, line]));
    for (const line of ["123456789", "abcdefghi", "toolong", "more"]) cap.push("stdout", line);
    cap.push("stderr", "after");
    expect(lines).toEqual([
      ["stdout", "123456789"],
      ["stdout", "abcdefghi"],
      ["system", expect.stringMatching(/^output truncated: this run printed more than 20 bytes/)],
    ]);
    expect(cap.truncated).toBe(true);
  });

  it("counts bytes, not characters", () => {
    const lines: string[] = [];
    const cap = capOutput(8, (_s, line) => lines.push(line));
    cap.push("stdout", "ééé"); // 6 bytes + newline
    cap.push("stdout", "é");
    expect(lines).toEqual(["ééé", expect.stringContaining("truncated")]);
  });
});
