import { describe, expect, it } from "vitest";
import { API_KEY_LENGTH, generateApiKey, hashApiKeySecret, parseApiKey, verifyApiKeySecret } from "./api-keys.ts";

const hmacSecret = "test-hmac-secret-0123456789abcdefghijkl";

describe("gateway API keys", () => {
  it("generates sy-<id>-<secret> keys that parse and verify", () => {
    const key = generateApiKey(hmacSecret);
    expect(key.id).toMatch(/^key_[0-9a-z]{20}$/);
    expect(key.token).toMatch(/^sy-key_[0-9a-z]{20}-[0-9a-z]{40}$/);
    expect(key.token).toHaveLength(API_KEY_LENGTH);
    expect(key.prefix).toBe(`sy-${key.id}`);
    expect(key.token.startsWith(`${key.prefix}-`)).toBe(true);
    expect(key.last4).toBe(key.token.slice(-4));
    expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);

    const parsed = parseApiKey(key.token);
    expect(parsed).toEqual({ id: key.id, secret: key.token.slice(key.prefix.length + 1) });
    expect(key.secretHash).not.toContain(parsed!.secret);
    expect(verifyApiKeySecret(hmacSecret, parsed!.secret, key.secretHash)).toBe(true);
  });

  it("generates distinct keys", () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateApiKey(hmacSecret).token));
    expect(tokens.size).toBe(50);
  });

  it("rejects a wrong secret, another HMAC secret and malformed stored hashes", () => {
    const key = generateApiKey(hmacSecret);
    const { secret } = parseApiKey(key.token)!;
    const wrong = `${secret.slice(0, -1)}${secret.endsWith("a") ? "b" : "a"}`;
    expect(verifyApiKeySecret(hmacSecret, wrong, key.secretHash)).toBe(false);
    expect(verifyApiKeySecret("another-hmac-secret-0123456789abcdefgh", secret, key.secretHash)).toBe(false);
    expect(verifyApiKeySecret(hmacSecret, secret, "")).toBe(false);
    expect(verifyApiKeySecret(hmacSecret, secret, key.secretHash.slice(0, 32))).toBe(false);
    expect(verifyApiKeySecret(hmacSecret, secret, `${key.secretHash}00`)).toBe(false);
    expect(verifyApiKeySecret(hmacSecret, secret, key.secretHash.toUpperCase())).toBe(false);
    expect(verifyApiKeySecret(hmacSecret, secret, "zz".repeat(32))).toBe(false);
  });

  it("hashes with HMAC-SHA256 keyed by the configured secret", () => {
    expect(hashApiKeySecret("key", "The quick brown fox jumps over the lazy dog")).toBe(
      "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    );
    expect(() => hashApiKeySecret("", "x")).toThrow(/not configured/);
  });

  it("returns null for malformed tokens without throwing", () => {
    const valid = generateApiKey(hmacSecret).token;
    const id = valid.slice(3, 27);
    const secret = valid.slice(28);
    const malformed: unknown[] = [
      "",
      "sy-",
      "sy-key_x-",
      "sy--",
      `sy-${id}-`,
      `sy-${id}`,
      `sy-${id}-${secret}-extra`,
      `sy-${id}--${secret.slice(1)}`,
      `sy-${id}-${secret.slice(0, 20)}-${secret.slice(21)}`,
      `sy-key-${id.slice(4)}-${secret}`,
      `sy-${id}-${secret.toUpperCase()}`,
      `SY-${id}-${secret}`,
      `sk-${id}-${secret}`,
      ` ${valid}`.slice(0, API_KEY_LENGTH),
      `${valid.slice(0, -1)}\n`,
      `${valid.slice(0, -1)}é`,
      `Bearer ${valid}`,
      `sy-${"k".repeat(10_000)}`,
      "x".repeat(10 * 1024),
      valid.padEnd(10 * 1024, "a"),
      null,
      undefined,
      42,
      { token: valid },
    ];
    for (const token of malformed) expect(parseApiKey(token), String(token).slice(0, 40)).toBeNull();
  });

  it("handles huge inputs cheaply", () => {
    const huge = `sy-key_${"a".repeat(20)}-${"b".repeat(5_000_000)}`;
    const start = performance.now();
    for (let i = 0; i < 1000; i++) parseApiKey(huge);
    expect(performance.now() - start).toBeLessThan(100);
  });
});
