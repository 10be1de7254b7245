// OpenAI message content → Anthropic content blocks: text, images (URL or base64 data URL),
// PDFs (file parts with a base64 data URL). Empty text is dropped: Anthropic rejects empty
// text blocks. Block shapes: https://platform.claude.com/docs/en/api/messages/create
import { isObject, type Json, Unsupported } from "./json.ts";

const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** Text blocks of a string or an array of text parts (system messages, tool results). */
export function textBlocks(content: unknown, path: string): Json[] {
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part: unknown, j) => {
    if (isObject(part) && (part.type === "text" || part.type === "refusal")) return textPart(part);
    throw new Unsupported(`${path}[${j}]`, `Only text parts are accepted here; got a ${isObject(part) ? String(part.type) : "non-object"} part.`);
  });
}

/** User content: text, image_url and file parts. */
export function userBlocks(content: unknown, path: string): Json[] {
  if (!Array.isArray(content)) return textBlocks(content, path);
  return content.flatMap((part: unknown, j) => {
    const at = `${path}[${j}]`;
    if (!isObject(part)) throw new Unsupported(at, "Content parts must be objects.");
    switch (part.type) {
      case "text":
        return textPart(part);
      case "image_url":
        return [image(part, at)];
      case "file":
        return [pdf(part, at)];
      default:
        throw new Unsupported(at, `Content parts of type "${String(part.type)}" cannot be sent to Anthropic's Messages API.`);
    }
  });
}

function textPart(part: Json): Json[] {
  const text = typeof part.text === "string" ? part.text : typeof part.refusal === "string" ? part.refusal : "";
  if (text === "") return [];
  return [{ type: "text", text, ...(isObject(part.cache_control) ? { cache_control: part.cache_control } : {}) }];
}

function image(part: Json, at: string): Json {
  const url = isObject(part.image_url) ? part.image_url.url : undefined;
  if (typeof url !== "string") throw new Unsupported(`${at}.image_url.url`, "image_url.url must be a string.");
  const data = DATA_URL.exec(url);
  if (data) {
    const mediaType = data[1]!.toLowerCase();
    if (!IMAGE_TYPES.has(mediaType)) throw new Unsupported(`${at}.image_url.url`, `Anthropic accepts JPEG, PNG, GIF and WebP images; got ${mediaType}.`);
    return { type: "image", source: { type: "base64", media_type: mediaType, data: data[2] } };
  }
  if (!/^https?:\/\//i.test(url)) throw new Unsupported(`${at}.image_url.url`, "image_url.url must be an http(s) URL or a base64 data URL.");
  return { type: "image", source: { type: "url", url } };
}

function pdf(part: Json, at: string): Json {
  const fileData = isObject(part.file) ? part.file.file_data : undefined;
  const data = typeof fileData === "string" ? DATA_URL.exec(fileData) : null;
  if (!data || data[1]!.toLowerCase() !== "application/pdf") {
    throw new Unsupported(`${at}.file`, "Only PDF files given inline as a base64 data URL (file.file_data) can be sent to Anthropic; file ids cannot.");
  }
  return { type: "document", source: { type: "base64", media_type: "application/pdf", data: data[2] } };
}
