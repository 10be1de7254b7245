import { describe, expect, it } from "vitest";
import { mockUpstreamCli } from "./index.ts";

describe("mockUpstreamCli", () => {
  it("starts the mock from arguments and prints its URL", async () => {
    const lines: string[] = [];
    const mock = await mockUpstreamCli(["--port", "0", "--no-auth", "--chunk-delay-ms", "0"], (text) => lines.push(text));
    try {
      expect(lines).toEqual([`Mock upstream listening on ${mock.url} (base URL ${mock.url}/v1)\n`]);
      const res = await fetch(`${mock.url}/v1/models`);
      expect(res.status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it("rejects a bad port", async () => {
    await expect(mockUpstreamCli(["--port", "nope"], () => undefined)).rejects.toThrow(/--port/);
  });
});
