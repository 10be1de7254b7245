// Reads a JSON request body from the node request with a size limit: 413 over it (declared or
// actual), 400 for an empty or malformed body. The bytes are parsed once, as one string.
import type { IncomingMessage } from "node:http";
import { SwitchyardError } from "@switchyard/core";

const tooLarge = (limit: number) => new SwitchyardError("payload_too_large", `The request body is larger than ${limit} bytes.`);

export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      req.resume(); // the rest is read and dropped, so the connection stays usable
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      done();
      try {
        resolve(parseJson(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function parseJson(bytes: Buffer): unknown {
  const text = bytes.toString("utf8");
  if (text.trim() === "") throw new SwitchyardError("invalid_json", "The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new SwitchyardError("invalid_json", "The request body is not valid JSON.");
  }
}
