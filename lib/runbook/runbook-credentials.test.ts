import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { replaceRunbookCredentials } from "@/lib/runbook/runbook-credentials";
import { ZParsedRunbook } from "@/lib/schemas/runbook";

const block = (code: string, heading = "## Smoke tests") => `${heading}\n\n\`\`\`bash\n${code}\n\`\`\`\n`;
const names = (md: string) => replaceRunbookCredentials(md).credentials.map((c) => c.name);
const replaced = (md: string) => replaceRunbookCredentials(md).markdown;

describe("credentials in a runbook become ${NAME} references", () => {
  it("turns a curl's Authorization header into a reference, keeps the step an http step, and reports the secret", () => {
    const md = block('# Expected: 200 OK\ncurl -fsS -H "Authorization: Bearer sk_live_51Hx9fK2xLq" https://api.example.com/health');
    const parsed = parseRunbook(md);
    expect(ZParsedRunbook.parse(parsed)).toBeTruthy();
    const [step] = parsed.procedures[0].steps;
    expect(step).toMatchObject({ kind: "http", request: { url: "https://api.example.com/health", headers: { Authorization: "Bearer ${API_TOKEN}" } } });
    expect(parsed.credentials).toEqual([
      { name: "API_TOKEN", line: 5, where: "Authorization header", message: "add `API_TOKEN` to the environment's secrets" },
    ]);
    expect(JSON.stringify(parsed)).not.toContain("sk_live_51Hx9fK2xLq");
  });

  it("replaces URL user-info passwords, credential query parameters and curl -u, in commands and prose", () => {
    const md = [
      "Dashboard: https://admin:Pr0d-pa55@grafana.example.com/d/1 and https://hooks.example.com/x?token=abc123def456&channel=ops",
      block(
        "curl -u deploy:hunter2-xyz https://ci.example.com/job/deploy | tee out.txt\ncurl 'https://api.example.com/v1?api_key=AIzaSyD-12345&q=1' | jq .\nwget https://x.example.com/file?access_token=tok_987654321",
      ),
    ].join("\n\n");
    const out = replaced(md);
    for (const value of ["Pr0d-pa55", "abc123def456", "hunter2-xyz", "AIzaSyD-12345", "tok_987654321"]) expect(out).not.toContain(value);
    expect(out).toContain("https://admin:${ADMIN_PASSWORD}@grafana.example.com/d/1");
    expect(out).toContain("?token=${TOKEN}&channel=ops");
    expect(out).toContain("curl -u deploy:${DEPLOY_PASSWORD} https://ci.example.com");
    expect(out).toContain(`'https://api.example.com/v1?api_key='"\${API_KEY}"'&q=1'`);
    expect(names(md)).toEqual(["ADMIN_PASSWORD", "TOKEN", "DEPLOY_PASSWORD", "API_KEY", "ACCESS_TOKEN"]);
  });

  it("replaces Cookie, X-API-Key and token / secret headers, and credential keys in code blocks", () => {
    const md = [
      block(`curl -H 'Cookie: session=9f8e7d6c5b4a' -H "X-API-Key: k-1234567890" -H "X-Upload-Token: up_77aa88bb99" https://x.example.com/ping | grep ok`),
      '```yaml\nservice:\n  api_token: sk_test_4eC39HqLyjWDarjtT1zdp7dc\n  client_secret: "8a7b6c5d4e3f2a1b"\n  secretName: db-credentials\n  token_ttl: 3600\n```',
      block("export DEPLOY_TOKEN=ghp_16C7e42F292c6912E7710c838347Ae178B4a\n./deploy.sh\ncurl -b 'sid=s3ss10n-99' https://x.example.com/ -o /dev/null"),
    ].join("\n\n");
    const out = replaced(md);
    for (const value of [
      "9f8e7d6c5b4a",
      "k-1234567890",
      "up_77aa88bb99",
      "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
      "8a7b6c5d4e3f2a1b",
      "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    ])
      expect(out).not.toContain(value);
    expect(out).toContain(`-H 'Cookie: '"\${COOKIE}"'' -H "X-API-Key: \${X_API_KEY}"`);
    expect(out).toContain("api_token: ${API_TOKEN}");
    expect(out).toContain('client_secret: "${CLIENT_SECRET}"');
    expect(out).toContain("export DEPLOY_TOKEN=${DEPLOY_TOKEN}");
    expect(out).toContain(`curl -b ''"\${COOKIE_2}"'' https://x.example.com/`);
    expect(out).not.toContain("s3ss10n-99");
    // Names of secrets and settings are not secrets.
    expect(out).toContain("secretName: db-credentials");
    expect(out).toContain("token_ttl: 3600");
  });

  it("leaves references, placeholders and prose alone", () => {
    const md = [
      "Send the `Authorization` header. Authorization: see the wiki.",
      block(
        'curl -H "Authorization: Bearer $TOKEN" -H "Authorization: Bearer ${API_TOKEN}" https://x/?token=${T}&key=<your-key>\ncurl -u "$USER:$PASS" https://x/\ncurl -H "Authorization: Bearer <token>" https://x/',
      ),
    ].join("\n\n");
    expect(replaced(md)).toBe(md);
    expect(names(md)).toEqual([]);
  });

  it("follows a curl onto its continuation lines", () => {
    const out = replaced(block("curl -X POST https://ci.example.com/job \\\n  -u ops:r3lease-pw \\\n  -o /dev/null\nsort -u names.txt"));
    expect(out).toContain("-u ops:${OPS_PASSWORD} \\");
    expect(out).toContain("sort -u names.txt");
  });

  it("gives one name per value, and numbered names to different values", () => {
    const md = block(
      'curl -H "Authorization: Bearer aaaa1111bbbb" https://a/ | grep ok\ncurl -H "Authorization: Bearer aaaa1111bbbb" https://b/ | grep ok\ncurl -H "Authorization: Bearer cccc2222dddd" https://c/ | grep ok',
    );
    expect(names(md)).toEqual(["API_TOKEN", "API_TOKEN_2"]);
    expect(replaced(md).match(/\$\{API_TOKEN\}/g)).toHaveLength(2);
  });

  it("writes references the shell expands, inside single quotes too", () => {
    const md = block("curl -s -H 'Authorization: Bearer sk_live_quoted99' -o out.json https://x.example.com/a; curl -u 'ops:pa55-w0rd' https://y/");
    const parsed = parseRunbook(md);
    const command = parsed.procedures[0].steps.map((s) => ("command" in s ? s.command : "")).join("\n");
    const printed = spawnSync("bash", ["-c", command.replaceAll("curl", "echo")], {
      env: { PATH: process.env.PATH, API_TOKEN: "T0KEN", OPS_PASSWORD: "PW" } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
    }).stdout;
    expect(printed).toContain("Authorization: Bearer T0KEN");
    expect(printed).toContain("ops:PW");
  });

  it("finds nothing to replace in the three real runbooks (they use $VARIABLES)", async () => {
    const fs = await import("node:fs");
    for (const file of ["ancient-compute-launch-guide.md", "auto-grader-launch-procedures.md", "xcodereviewer-rollout.md"]) {
      const md = fs.readFileSync(`lib/runbook/fixtures/${file}`, "utf8");
      expect(replaceRunbookCredentials(md), file).toEqual({ markdown: md, credentials: [] });
    }
  });
});
