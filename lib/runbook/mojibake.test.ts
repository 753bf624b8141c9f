import { describe, expect, it } from "vitest";
import { cp1252Byte, repairMojibake } from "@/lib/runbook/mojibake";

describe("repairMojibake", () => {
  it.each([
    ["âœ…", "✅"],
    ["â‰¥ 80%", "≥ 80%"],
    ["Celebrate success! ðŸŽ‰", "Celebrate success! 🎉"],
    ['echo "âœ“ Database connected"', 'echo "✓ Database connected"'],
    ["a â€” b", "a — b"],
    ["â€œquotedâ€\u009d", "“quoted”"],
    ["cafÃ©", "café"],
    ["ðŸš€ launch", "🚀 launch"],
    ["Ð¿Ñ€Ð¸Ð²ÐµÑ‚", "привет"],
  ])("repairs %j", (input, repaired) => {
    expect(repairMojibake(input)).toBe(repaired);
  });

  it.each([
    "café",
    "naïve",
    "✅ done",
    "日本語のテキスト",
    "Grüße aus Köln",
    "„Gruß“",
    "CAFÉ…",
    "voilà…",
    "SÃO PAULO",
    "plain ascii",
    "",
    "¿Qué? ¡Sí!",
    "€100 – £50",
  ])("leaves correct text %j alone", (text) => {
    expect(repairMojibake(text)).toBe(text);
  });

  it("repairs mojibake next to correct non-ASCII text in the same line", () => {
    expect(repairMojibake("café â‰¥ naïve ✅ âœ…")).toBe("café ≥ naïve ✅ ✅");
  });

  it("keeps a truncated sequence as it was", () => {
    expect(repairMojibake("broken ðŸŽ")).toBe("broken ðŸŽ");
  });

  it("maps cp1252 specials back to their bytes", () => {
    expect(cp1252Byte("€".charCodeAt(0))).toBe(0x80);
    expect(cp1252Byte("œ".charCodeAt(0))).toBe(0x9c);
    expect(cp1252Byte("é".charCodeAt(0))).toBe(0xe9);
    expect(cp1252Byte("✅".charCodeAt(0))).toBe(-1);
  });
});
