// A transcription answer is read whole, like every non-streamed upstream answer, and so is bounded
// by SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB: a bigger one is a 502 that says so, billed as an
// upstream error, and the next request is served as usual.
import OpenAI, { APIError, toFile } from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pcmTone, wavFile } from "@switchyard/testing";
import { type Harness, startHarness } from "./testing/harness.ts";

let h: Harness;
let client: OpenAI;

beforeAll(async () => {
  h = await startHarness({ upstreamMaxResponseBytes: 2048 });
  client = new OpenAI({ apiKey: await h.project("credits"), baseURL: `${h.url}/v1`, maxRetries: 0 });
}, 60_000);
afterAll(() => h.close());

// The mock's transcript names the file, so a long name makes a long answer.
const file = (name: string) => toFile(wavFile(pcmTone(1, 16_000), 16_000), name, { type: "audio/wav" });

describe("transcription answers and the upstream answer limit", () => {
  it("cuts off an answer over the limit as a 502 that names the limit, billed as an upstream error", async () => {
    const failed = await client.audio.transcriptions.create({ file: await file(`${"a".repeat(3000)}.wav`), model: "whisper-1" }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(APIError);
    expect((failed as APIError).status).toBe(502);
    expect((failed as APIError).message).toContain("The upstream provider's answer is larger than 2048 bytes, the most this gateway reads (SWITCHYARD_UPSTREAM_MAX_RESPONSE_MB).");
    expect(h.events.at(-1)).toMatchObject({ endpoint: "audio.transcriptions", status: "upstream_error", httpStatus: 502 });
  });

  it("answers one under the limit as usual", async () => {
    const answer = await client.audio.transcriptions.create({ file: await file("short.wav"), model: "whisper-1" });
    expect(answer.text).toBe("Mock transcription of short.wav: 1.00 seconds of audio.");
    expect(h.events.at(-1)).toMatchObject({ endpoint: "audio.transcriptions", status: "success" });
  });
});
