// Response ids as billing keys and as parts of usage event request ids.
import { describe, expect, it } from "vitest";
import { billingKey, MAX_KEY_CHARS, requestIdPart } from "./billing-id.ts";

describe("billingKey", () => {
  it("is the id itself up to MAX_KEY_CHARS, else a digest of it: the same id, the same key", () => {
    expect(billingKey("resp:abc/1")).toBe("resp:abc/1");
    const long = "r".repeat(MAX_KEY_CHARS + 1);
    expect(billingKey(long)).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(billingKey(long)).toBe(billingKey(`${long}`));
    expect(billingKey(long)).not.toBe(billingKey(`${long}x`));
  });
});

describe("requestIdPart", () => {
  it("keeps a safe id; any other becomes its safe characters and a digest, always the same, never shared", () => {
    expect(requestIdPart("resp_Abc-1.2")).toBe("resp_Abc-1.2");
    const part = requestIdPart("resp:abc/1");
    expect(part).toMatch(/^resp_abc_1-[0-9a-f]{16}$/);
    expect(requestIdPart("resp:abc/1")).toBe(part);
    expect(requestIdPart("resp/abc:1")).not.toBe(part); // the same safe characters, another id
    expect(requestIdPart("x".repeat(97))).toMatch(/^x{48}-[0-9a-f]{16}$/);
    expect(requestIdPart("resp:abc/1")).not.toContain(":");
  });
});
