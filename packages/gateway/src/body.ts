// Reads a JSON request body with a size limit: 413 over it, 400 for malformed JSON.
import type { H3Event } from "h3";
import { SwitchyardError } from "@switchyard/core";

export async function readJson(event: H3Event, limit: number): Promise<unknown> {
  const tooLarge = () => new SwitchyardError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  const declared = Number(event.req.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  const reader = event.req.body?.getReader();
  if (!reader) throw new SwitchyardError("invalid_json", "The request body is empty: send a JSON object.");
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new SwitchyardError("invalid_json", "The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new SwitchyardError("invalid_json", "The request body is not valid JSON.");
  }
}
