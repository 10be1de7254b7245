// Test helpers (not exported from the package): a logger whose lines are captured in memory.
import { Writable } from "node:stream";
import { createLogger, type Logger } from "@switchyard/core";

export function captureLogger(level = "debug"): { logger: Logger; lines: string[]; text: () => string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ level, destination }), lines, text: () => lines.join("") };
}

export function flipByte(bytes: Uint8Array, index: number): Buffer<ArrayBuffer> {
  const copy = Buffer.from(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}
