// The uploaded file's duration: read from the audio's headers, estimated from its size when the
// file is not audio, and estimated when reading it stalls (never waiting past the time limit, the
// stalled reading aborted).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { UploadFile } from "@switchyard/providers";
import { wavFile } from "@switchyard/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileDuration, readWithMusicMetadata, type DurationReader } from "./duration.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "switchyard-duration-test-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `seconds` of silence as a 16 kHz, 16-bit mono WAV file. */
function wav(seconds: number): Buffer {
  return wavFile(Buffer.alloc(Math.round(seconds * 16_000) * 2), 16_000);
}

async function upload(name: string, bytes: Buffer): Promise<UploadFile> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { field: "file", path, filename: name, contentType: "application/octet-stream", size: bytes.length };
}

describe("fileDuration", () => {
  it("reads a WAV file's duration from its header", async () => {
    expect(await fileDuration(await upload("tone.wav", wav(2.5)))).toEqual({ seconds: 2.5, estimated: false });
  });

  it("estimates a file that is not audio at 16 000 bytes a second", async () => {
    const bytes = Buffer.from(Array.from({ length: 48_000 }, (_, i) => (i * 7919) % 251));
    expect(await fileDuration(await upload("noise.bin", bytes))).toEqual({ seconds: 3, estimated: true });
  });

  it("gives up on a stalled reading at the time limit, aborts it, and estimates from the size", async () => {
    let aborted = false;
    const stalled: DurationReader = (_path, signal) =>
      new Promise((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          aborted = true;
          reject(new Error("aborted"));
        });
      });
    const file = await upload("stalled.wav", wav(1));
    const started = performance.now();
    const duration = await fileDuration(file, { timeoutMs: 100, read: stalled });
    const took = performance.now() - started;
    expect(duration).toEqual({ seconds: file.size / 16_000, estimated: true });
    expect(took).toBeGreaterThanOrEqual(90);
    expect(took).toBeLessThan(1000);
    expect(aborted).toBe(true);
  });

  it("the music-metadata reading stops when aborted", async () => {
    const file = await upload("abort.wav", wav(1));
    await expect(readWithMusicMetadata(file.path, AbortSignal.abort())).rejects.toThrow();
    expect(await readWithMusicMetadata(file.path, new AbortController().signal)).toBe(1);
  });

  it("a reading that answers within the limit is used", async () => {
    const slow: DurationReader = () => new Promise((resolve) => setTimeout(() => resolve(4.25), 30));
    expect(await fileDuration(await upload("slow.wav", wav(1)), { timeoutMs: 1000, read: slow })).toEqual({ seconds: 4.25, estimated: false });
  });
});
