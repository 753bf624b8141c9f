import { describe, expect, it } from "vitest";
import { addressRefusal, allowedWebhookHosts, blockedAddressKind, webhookUrlRefusal } from "@/lib/notifications/webhook-address";

describe("blocked webhook addresses", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.255.1.2", "a loopback address"],
    ["::1", "a loopback address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["10.1.2.3", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.10", "a private address"],
    ["100.100.100.200", "a private address"],
    ["fd00:ec2::254", "a private address"],
    ["fc00::1", "a private address"],
    ["169.254.169.254", "a link-local or metadata address"],
    ["fe80::1", "a link-local or metadata address"],
    ["0.0.0.0", "an unspecified address"],
    ["::", "an unspecified address"],
    ["198.18.0.1", "a reserved address"],
    ["198.19.255.255", "a reserved address"],
    ["240.0.0.1", "a reserved address"],
    ["255.255.255.255", "a reserved address"],
    ["224.0.0.1", "a reserved address"],
    ["64:ff9b::7f00:1", "an IPv6 address that embeds an IPv4 address"],
    ["64:ff9b::a9fe:a9fe", "an IPv6 address that embeds an IPv4 address"],
    ["64:ff9b:1::a00:1", "an IPv6 address that embeds an IPv4 address"],
    ["2002:7f00:1::", "an IPv6 address that embeds an IPv4 address"],
    ["2002:a9fe:a9fe::1", "an IPv6 address that embeds an IPv4 address"],
    ["::127.0.0.1", "an IPv6 address that embeds an IPv4 address"],
    ["::169.254.169.254", "an IPv6 address that embeds an IPv4 address"],
    ["::a00:1", "an IPv6 address that embeds an IPv4 address"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "an IPv6 address that embeds an IPv4 address"],
  ])("%s is %s", (address, kind) => {
    expect(blockedAddressKind(address)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "198.17.255.255",
    "198.20.0.1",
    "223.255.255.255",
    "2606:4700::1111",
    "172.32.0.1",
    "172.15.255.255",
    "192.169.0.1",
    "169.255.0.1",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "hooks.slack.com",
  ])("%s is fine", (address) => {
    expect(blockedAddressKind(address)).toBeNull();
  });

  it("refuses URLs by their literal host or a localhost name, and leaves other names to delivery time", () => {
    const none = new Set<string>();
    expect(webhookUrlRefusal("http://127.0.0.1:8080/hook", none)).toBe("127.0.0.1 is a loopback address");
    expect(webhookUrlRefusal("http://2130706433/", none)).toBe("127.0.0.1 is a loopback address");
    expect(webhookUrlRefusal("http://[::ffff:127.0.0.1]/", none)).toBe("::ffff:7f00:1 is a loopback address");
    expect(webhookUrlRefusal("http://[::1]:9/", none)).toBe("::1 is a loopback address");
    expect(webhookUrlRefusal("http://169.254.169.254/latest/meta-data/", none)).toBe("169.254.169.254 is a link-local or metadata address");
    expect(webhookUrlRefusal("https://LOCALHOST./x", none)).toBe("localhost is this machine");
    expect(webhookUrlRefusal("https://api.localhost/x", none)).toBe("api.localhost is this machine");
    expect(webhookUrlRefusal("http://[64:ff9b::7f00:1]/", none)).toBe("64:ff9b::7f00:1 is an IPv6 address that embeds an IPv4 address");
    expect(webhookUrlRefusal("http://[::127.0.0.1]/", none)).toBe("::7f00:1 is an IPv6 address that embeds an IPv4 address");
    expect(webhookUrlRefusal("http://198.18.0.1/", none)).toBe("198.18.0.1 is a reserved address");
    expect(webhookUrlRefusal("https://hooks.slack.com/services/T/B/x", none)).toBeNull();
    expect(webhookUrlRefusal("https://10.0.0.1.nip.io/x", none)).toBeNull();
  });

  it("lets the allow-list through, as host names or addresses", () => {
    const allow = allowedWebhookHosts(" 127.0.0.1, LocalHost ,[::1],");
    expect([...allow]).toEqual(["127.0.0.1", "localhost", "::1"]);
    expect(webhookUrlRefusal("http://127.0.0.1:8080/hook", allow)).toBeNull();
    expect(webhookUrlRefusal("http://localhost:8080/hook", allow)).toBeNull();
    expect(webhookUrlRefusal("http://[::1]:8080/hook", allow)).toBeNull();
    expect(webhookUrlRefusal("http://127.0.0.2:8080/hook", allow)).toBe("127.0.0.2 is a loopback address");
    expect(addressRefusal("127.0.0.1", allow)).toBeNull();
    expect(allowedWebhookHosts("")).toEqual(new Set());
  });
});
