import { describe, expect, it } from "vitest";
import { SwitchyardError, toSwitchyardError } from "./errors.ts";
import { newId, randomToken } from "./ids.ts";

describe("SwitchyardError", () => {
  it("renders OpenAI's error envelope with the code's status and type", () => {
    const err = new SwitchyardError("invalid_request", "temperature must be at most 2", { param: "temperature" });
    expect(err.status).toBe(400);
    expect(err.toEnvelope()).toEqual({
      error: { message: "temperature must be at most 2", type: "invalid_request_error", code: "invalid_request", param: "temperature" },
    });
  });

  it("turns unknown failures into a 500 that reveals nothing", () => {
    const err = toSwitchyardError(new Error("connection string postgres://user:pw@host"));
    expect(err.status).toBe(500);
    expect(err.message).not.toContain("postgres");
  });
});

describe("ids", () => {
  it("are prefixed, dash-free and unique", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId("key")));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^key_[0-9a-z]{20}$/);
    expect(randomToken(64)).toMatch(/^[0-9a-z]{64}$/);
  });
});
