// clientStream reads the upstream's first piece before the response is committed: a break
// before it is an upstream error the route answers in OpenAI's envelope (billed once through
// `failed`), a break after it errors the client's stream.
import { SwitchyardError } from "@switchyard/core";
import { describe, expect, it } from "vitest";
import { clientStream, type StreamHooks } from "./client-stream.ts";

function hooks(): StreamHooks & { calls: string[] } {
  const calls: string[] = [];
  return { calls, done: () => calls.push("done"), cancel: () => calls.push("cancel"), failed: () => calls.push("failed") };
}

async function* breaking(pieces: string[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield Buffer.from(piece);
  throw new Error("other side closed");
}

async function* whole(pieces: string[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield Buffer.from(piece);
}

describe("clientStream", () => {
  it("an upstream that breaks before its first piece is an upstream_error with the attempt's headers, failed once, nothing streamed", async () => {
    const h = hooks();
    const error = await clientStream(breaking([]), h, { "x-switchyard-attempts": "1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: "upstream_error", headers: { "x-switchyard-attempts": "1" } });
    expect(h.calls).toEqual(["failed"]);
  });

  it("an upstream that breaks after its first piece: the client gets that piece, then its stream errors; failed once", async () => {
    const h = hooks();
    const reader = (await clientStream(breaking(["data: 1\n\n"]), h, {})).getReader();
    expect(Buffer.from((await reader.read()).value!).toString()).toBe("data: 1\n\n");
    await expect(reader.read()).rejects.toThrow("other side closed");
    expect(h.calls).toEqual(["failed"]);
  });

  it("a whole answer arrives piece by piece, in order, and ends with done", async () => {
    const h = hooks();
    const reader = (await clientStream(whole(["a", "b", "c"]), h, {})).getReader();
    const got: string[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) got.push(Buffer.from(r.value).toString());
    expect(got).toEqual(["a", "b", "c"]);
    expect(h.calls).toEqual(["done"]);
  });
});
