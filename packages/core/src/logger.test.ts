import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ level: "info", destination }) };
}

describe("logger redaction", () => {
  it("redacts authorization headers and secret fields at any of two levels", () => {
    const { lines, logger } = capture();
    const canary = "sk-canary-7f3a9c";
    logger.info({ req: { headers: { authorization: `Bearer ${canary}`, "x-api-key": canary } } }, "request");
    logger.info({ apiKey: canary, provider: { secret: canary, password: canary } }, "stored");
    logger.info({ credentials: { accessKeyId: canary } }, "aws");
    const out = lines.join("");
    expect(out).not.toContain(canary);
    expect(out).toContain("[redacted]");
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "info", msg: "request" });
  });
});
