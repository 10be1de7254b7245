// Turns what a user pastes into what is stored: the secret to encrypt, the characters to show
// masked, and the non-secret settings. JSON credentials are checked field by field.
import type { CredentialField } from "@switchyard/catalog";
import { InputError } from "../graph/errors.ts";

export interface ParsedCredentials {
  /** Encrypted as is: the key, or the JSON object's text. */
  secret: string;
  /** The last 4 characters shown come from this value. */
  maskSource: string;
  /** Non-secret fields of a JSON credential (region, endpoint, …). */
  settings: Record<string, string>;
}

const FIELD = "secret";

export function parseCredentials(raw: string, fields: readonly CredentialField[] | undefined): ParsedCredentials {
  const text = raw.trim();
  if (text.length === 0) throw new InputError(FIELD, "The key is empty.");
  if (text.length > 8192) throw new InputError(FIELD, "The key is too long (at most 8192 characters).");
  if (!fields) {
    if (/\s/.test(text)) throw new InputError(FIELD, "The key contains whitespace: paste the key alone.");
    return { secret: text, maskSource: text, settings: {} };
  }
  return parseJson(text, fields);
}

function parseJson(text: string, fields: readonly CredentialField[]): ParsedCredentials {
  const names = fields.map((f) => f.name).join(", ");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(FIELD, `These credentials must be a JSON object with the fields ${names}; the text is not valid JSON.`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError(FIELD, `These credentials must be a JSON object with the fields ${names}.`);
  const object = value as Record<string, unknown>;
  const known = new Set(fields.map((f) => f.name));
  const extra = Object.keys(object).filter((k) => !known.has(k));
  if (extra.length > 0) throw new InputError(FIELD, `Unknown field${extra.length > 1 ? "s" : ""} ${extra.map((k) => `"${k}"`).join(", ")} in the credentials; expected ${names}.`);
  const settings: Record<string, string> = {};
  const clean: Record<string, string> = {};
  for (const field of fields) {
    const v = object[field.name];
    if (v === undefined || v === null || v === "") {
      if (field.required) throw new InputError(FIELD, `The credentials miss the required field "${field.name}" (${field.description}).`);
      continue;
    }
    if (typeof v !== "string") throw new InputError(FIELD, `The credentials field "${field.name}" must be a string.`);
    clean[field.name] = v.trim();
    if (!field.secret) settings[field.name] = v.trim();
  }
  const mainSecret = fields.find((f) => f.secret && f.required);
  return { secret: JSON.stringify(clean), maskSource: mainSecret ? clean[mainSecret.name]! : text, settings };
}
