// Reads the JSON body of a web Request (h3's event.req) with a size limit: 413 over it (declared
// or actual), 400 for an empty or malformed body.
import { SwitchyardError } from "@switchyard/core";

export async function readJsonRequest(req: Request, limit: number): Promise<unknown> {
  const tooLarge = () => new SwitchyardError("payload_too_large", `The request body is larger than ${limit} bytes.`);
  if (Number(req.headers.get("content-length") ?? "0") > limit) throw tooLarge();
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
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
