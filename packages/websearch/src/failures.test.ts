// Error bodies of every provider's shape become one typed failure, without the API key.
import { SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { httpFailure, transportFailure } from "./failures.ts";

const KEY = "sk-secret-123";

describe("httpFailure", () => {
  it("reads the message of each provider's error shape", () => {
    const message = (body: unknown) => httpFailure(400, {}, JSON.stringify(body), KEY).message;
    expect(message({ detail: { error: "tavily says" } })).toBe("tavily says");
    expect(message({ requestId: "r", error: "exa says", tag: "INVALID_REQUEST_BODY" })).toBe("exa says");
    expect(message({ meta: {}, data: null, error: [{ code: 1, msg: "kagi says", ref: null }] })).toBe("kagi says");
    expect(message({ error: { message: "perplexity says", type: "invalid_request_error" } })).toBe("perplexity says");
    expect(httpFailure(502, {}, "  Bad gateway  ", KEY).message).toBe("Bad gateway");
    expect(httpFailure(502, {}, "", KEY).message).toBe("HTTP 502");
  });

  it("maps statuses to kinds", () => {
    const kind = (status: number) => httpFailure(status, {}, "", KEY).kind;
    expect([401, 403, 429, 408, 500, 503, 400, 402, 404, 432].map(kind)).toEqual(["auth", "forbidden", "rate_limit", "timeout", "server", "server", "client", "client", "client", "client"]);
  });

  it("scrubs the API key even when the provider echoes it", () => {
    const failure = httpFailure(401, { "retry-after": "3" }, JSON.stringify({ error: { message: `Invalid API key: ${KEY}` } }), KEY);
    expect(failure).toEqual({ ok: false, kind: "auth", status: 401, message: "Invalid API key: [redacted]", retryAfter: "3" });
  });
});

describe("transportFailure", () => {
  it("classifies timeouts, refused URLs and everything else", () => {
    expect(transportFailure(Object.assign(new Error("t"), { code: "UND_ERR_HEADERS_TIMEOUT" }))).toMatchObject({ kind: "timeout", status: 504 });
    expect(transportFailure(new SwitchyardError("upstream_url_refused", "must use https"))).toMatchObject({ kind: "client", status: 400, message: "must use https" });
    expect(transportFailure(new Error("ECONNREFUSED"))).toMatchObject({ kind: "connection", status: 502 });
  });
});
