// Every upstream stream reader holds at most one event's worth of bytes: an upstream that never
// ends an event is cut off at the limit instead of filling the gateway's memory, while long
// streams of ordinary events pass whatever their total size.
import { describe, expect, it } from "vitest";
import { sseEvents } from "./anthropic/events.ts";
import { sseData as chatSseData } from "./sse.ts";
import { sseData } from "./sse-data.ts";
import { StreamInterruptedError } from "./sse-reader.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

/** `data: ` and then x's forever, 1 KiB a chunk, never a blank line (at most `max` chunks, so a failing test ends). */
function endlessEvent(counter: { chunks: number }, max = 10_000): AsyncIterable<Uint8Array> {
  return (async function* () {
    yield bytes("data: ");
    for (; counter.chunks < max; counter.chunks++) yield bytes("x".repeat(1024));
  })();
}

function events(count: number, size: number, done: boolean): AsyncIterable<Uint8Array> {
  return (async function* () {
    for (let i = 0; i < count; i++) yield bytes(`event: delta\ndata: ${String(i).padEnd(size, "y")}\n\n`);
    if (done) yield bytes("data: [DONE]\n\n");
  })();
}

const readers = [
  { name: "chat completions (until [DONE])", read: (body: AsyncIterable<Uint8Array>, max: number) => chatSseData(body, max), done: true },
  { name: "Responses, speech, transcriptions (until the end)", read: (body: AsyncIterable<Uint8Array>, max: number) => sseData(body, max), done: false },
  { name: "Anthropic Messages (named events)", read: (body: AsyncIterable<Uint8Array>, max: number) => sseEvents(body, max), done: false },
];

describe.each(readers)("SSE reader: $name", ({ read, done }) => {
  it("cuts off an event that never ends once it passes the limit, with an error that says so", async () => {
    const counter = { chunks: 0 };
    const consume = async () => {
      for await (const _ of read(endlessEvent(counter), 8 * 1024)) void _;
    };
    const error = await consume().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StreamInterruptedError);
    expect((error as Error).message).toBe(
      "The upstream provider sent a stream event larger than 8192 bytes, the most this gateway holds (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB).",
    );
    // Read no further than the limit and one chunk.
    expect(counter.chunks).toBeLessThanOrEqual(9);
  });

  it("passes any number of events below the limit, however large the stream as a whole", async () => {
    const seen: string[] = [];
    for await (const item of read(events(200, 500, done), 1024)) seen.push(typeof item === "string" ? item : item.data);
    expect(seen).toHaveLength(200);
    expect(seen[199]).toBe("199".padEnd(500, "y"));
  });
});
