// The parts of a user message: text, images (base64 data URLs → inlineData; http(s) URLs →
// fileData, which Gemini fetches itself: the gateway never downloads on the hot path), audio,
// and base64 files. Source: https://ai.google.dev/gemini-api/docs/file-input-methods.
import { SwitchyardError } from "@switchyard/core";
import type { GeminiPart } from "./wire.ts";

type Json = Record<string, unknown>;

const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/s;

const BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  heic: "image/heic",
  heif: "image/heif",
  pdf: "application/pdf",
};

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(param: string, message: string): SwitchyardError {
  return new SwitchyardError("invalid_request", message, { param });
}

/** A base64 data URL as inlineData, or undefined when `url` is not a data URL. */
function inline(url: string, param: string): GeminiPart | undefined {
  if (!url.startsWith("data:")) return undefined;
  const match = DATA_URL.exec(url);
  if (!match) throw invalid(param, `Invalid parameter ${param}: a data URL must be base64 (data:<mime type>;base64,<data>).`);
  return { inlineData: { mimeType: match[1]!, data: match[3]! } };
}

function image(url: string, param: string): GeminiPart {
  const data = inline(url, param);
  if (data) return data;
  if (!/^https?:\/\//i.test(url)) throw invalid(param, `Invalid parameter ${param}: give an http(s) URL or a base64 data URL.`);
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? "";
  // Gemini needs a MIME type beside a URL; an image URL without a known extension is sent as JPEG. // unverified: how Gemini treats a mismatch
  return { fileData: { mimeType: BY_EXTENSION[extension] ?? "image/jpeg", fileUri: url } };
}

/** One OpenAI content part of a user message as a Gemini part. */
export function userPart(part: unknown, param: string): GeminiPart {
  if (!isObject(part)) throw invalid(param, `Invalid parameter ${param}: expected a content part object.`);
  switch (part.type) {
    case "text":
      return { text: typeof part.text === "string" ? part.text : "" };
    case "image_url": {
      const spec = part.image_url;
      const url = isObject(spec) ? spec.url : spec;
      if (typeof url !== "string") throw invalid(`${param}.image_url.url`, `Invalid parameter ${param}.image_url.url: expected a string.`);
      return image(url, `${param}.image_url.url`);
    }
    case "input_audio": {
      const audio = isObject(part.input_audio) ? part.input_audio : {};
      if (typeof audio.data !== "string") throw invalid(`${param}.input_audio.data`, `Invalid parameter ${param}.input_audio.data: expected base64 audio.`);
      return { inlineData: { mimeType: `audio/${typeof audio.format === "string" ? audio.format : "wav"}`, data: audio.data } };
    }
    case "file": {
      const file = isObject(part.file) ? part.file : {};
      const data = typeof file.file_data === "string" ? inline(file.file_data, `${param}.file.file_data`) : undefined;
      if (!data) {
        throw new SwitchyardError("unsupported_parameter", `Google AI Studio takes files as base64 data URLs in ${param}.file.file_data; OpenAI file ids are not available there.`, { param: `${param}.file` });
      }
      return data;
    }
    default:
      throw new SwitchyardError("unsupported_parameter", `Content parts of type ${String(part.type)} cannot be sent to Google AI Studio.`, { param: `${param}.type` });
  }
}
