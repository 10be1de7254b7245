import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_LENGTH, generateAccessToken, hashAccessToken, isAccessToken } from "./access-tokens.ts";

describe("access tokens", () => {
  it("generates syat_ tokens of 48 base-36 characters with a SHA-256 lookup hash", () => {
    const t = generateAccessToken();
    expect(t.token).toMatch(/^syat_[0-9a-z]{48}$/);
    expect(t.token).toHaveLength(ACCESS_TOKEN_LENGTH);
    expect(t.last4).toBe(t.token.slice(-4));
    expect(t.tokenHash).toBe(createHash("sha256").update(t.token).digest("hex"));
    expect(hashAccessToken(t.token)).toBe(t.tokenHash);
    expect(isAccessToken(t.token)).toBe(true);
  });

  it("is unique and hashes differ per token", () => {
    const tokens = Array.from({ length: 50 }, () => generateAccessToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(50);
    expect(new Set(tokens.map((t) => t.tokenHash)).size).toBe(50);
  });

  it("recognises malformed tokens", () => {
    const { token } = generateAccessToken();
    for (const bad of ["", "syat_", token.slice(0, -1), `${token}a`, token.toUpperCase(), `syat-${token.slice(5)}`, "x".repeat(10_240), null, 7]) {
      expect(isAccessToken(bad)).toBe(false);
    }
  });
});
