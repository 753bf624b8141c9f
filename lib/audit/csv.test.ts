import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "@/lib/audit/csv";
import { parseCsv } from "@/lib/audit/csv-reader";

describe("CSV", () => {
  it("leaves plain fields alone and quotes those with commas, quotes and line breaks", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField(42)).toBe("42");
    expect(csvField(false)).toBe("false");
    expect(csvField(null)).toBe("");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(" padded ")).toBe(" padded ");
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", '"\'\rcmd"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])("escapes a cell that a spreadsheet would run as a formula: %j -> %j", (value, written) => {
    expect(csvField(value)).toBe(written);
  });

  it("leaves numbers, and text that only contains formula characters later, alone", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField("1.2.3-rc=1")).toBe("1.2.3-rc=1");
    expect(parseCsv(toCsv(["version"], [["=1+1"]]))).toEqual([["version"], ["'=1+1"]]);
  });

  it("writes CRLF-terminated rows that read back to the same values", () => {
    const rows = [
      ["1", '{"comment":"staging is red, \\"really\\""}', "x"],
      ["2", "multi\r\nline\nnote", ""],
      ["3", '"', ",,,"],
    ];
    const text = toCsv(["seq", "payload", "extra"], rows);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(parseCsv(text)).toEqual([["seq", "payload", "extra"], ...rows]);
  });
});
