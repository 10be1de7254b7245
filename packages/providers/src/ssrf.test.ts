import { describe, expect, it } from "vitest";
import { assertUpstreamUrl, guardedLookup, isPublicAddress, parseAllowlist } from "./ssrf.ts";

const none = parseAllowlist([]);

function lookup(allow: ReturnType<typeof parseAllowlist>, host: string): Promise<string> {
  return new Promise((resolve) => {
    guardedLookup(allow)(host, {}, (err, address) => resolve(err ? `refused: ${err.message}` : String(address)));
  });
}

describe("SSRF guard", () => {
  it("tells public unicast from private, loopback, link-local, multicast and reserved addresses", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"]) expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "240.0.0.1"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
  });

  it("requires https and a public IP literal unless allow-listed", () => {
    expect(() => assertUpstreamUrl("http://api.example.com/v1", none)).toThrow(/https/);
    expect(() => assertUpstreamUrl("https://127.0.0.1/v1", none)).toThrow(/public address/);
    expect(() => assertUpstreamUrl("https://[::1]/v1", none)).toThrow(/public address/);
    expect(() => assertUpstreamUrl("not a url", none)).toThrow(/valid URL/);
    expect(assertUpstreamUrl("https://8.8.8.8/v1", none).hostname).toBe("8.8.8.8");
    expect(assertUpstreamUrl("http://localhost:9999/v1", parseAllowlist(["localhost"])).port).toBe("9999");
    expect(assertUpstreamUrl("https://10.0.0.5/v1", parseAllowlist(["10.0.0.0/8"])).hostname).toBe("10.0.0.5");
  });

  it("refuses at connect time a name that resolves to a private address (DNS rebinding)", async () => {
    expect(await lookup(none, "localhost")).toMatch(/^refused: .*non-public/);
    expect(await lookup(parseAllowlist(["localhost"]), "localhost")).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await lookup(parseAllowlist(["127.0.0.0/8", "::1/128"]), "localhost")).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
