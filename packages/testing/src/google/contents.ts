// The rules a Gemini API request's `contents` must follow, with the API's own messages: roles
// user/model only, no empty parts, one data field per part, turns alternating, function calls
// only from the model and responses only from the user, as many responses as calls, inline
// data as base64, and on Gemini 3 a thought signature (one the API issued, or the documented
// skip value) on each turn's first call
// (https://ai.google.dev/gemini-api/docs/function-calling, /thought-signatures).

type Json = Record<string, unknown>;

const DATA_FIELDS = ["text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode", "codeExecutionResult"];
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function partError(part: Json, at: string): string | undefined {
  const fields = DATA_FIELDS.filter((f) => f in part);
  if (fields.length !== 1) return `* GenerateContentRequest.${at}.data: required oneof field 'data' must have one initialized field`;
  const inline = part.inlineData;
  if (isObject(inline) && (typeof inline.mimeType !== "string" || typeof inline.data !== "string" || !BASE64.test(inline.data))) {
    return `Invalid value at '${at}.inline_data.data' (TYPE_BYTES), Base64 decoding failed`;
  }
  const file = part.fileData;
  if (isObject(file) && typeof file.fileUri !== "string") return `* GenerateContentRequest.${at}.file_data.file_uri: file_uri must not be empty`;
  const call = part.functionCall;
  if (isObject(call) && (typeof call.name !== "string" || (call.args !== undefined && !isObject(call.args)))) return `* GenerateContentRequest.${at}.function_call.name: name is not specified`;
  const response = part.functionResponse;
  if (isObject(response) && (typeof response.name !== "string" || !isObject(response.response))) return `* GenerateContentRequest.${at}.function_response.response: response must be an object`;
  return undefined;
}

/** A message naming what is wrong, or undefined when the contents are valid. */
export function contentsError(contents: unknown, signaturesRequired: boolean, issued: ReadonlySet<string>): string | undefined {
  if (!Array.isArray(contents) || contents.length === 0) return "* GenerateContentRequest.contents: contents is not specified";
  let previous: { role: string; calls: number; responses: number } | undefined;
  for (let i = 0; i < contents.length; i++) {
    const content = contents[i];
    if (!isObject(content)) return `Invalid value at 'contents[${i}]': expected an object`;
    const role = content.role ?? "user";
    if (role !== "user" && role !== "model") return "Please use a valid role: user, model.";
    const parts = content.parts;
    if (!Array.isArray(parts) || parts.length === 0) return `* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.`;
    if (previous?.role === role) return "Please ensure that multiturn requests alternate between user and model.";
    let calls = 0;
    let responses = 0;
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j];
      if (!isObject(part)) return `Invalid value at 'contents[${i}].parts[${j}]': expected an object`;
      const error = partError(part, `contents[${i}].parts[${j}]`);
      if (error) return error;
      if (part.functionCall !== undefined) {
        if (role !== "model") return "Please ensure that function call turns come from the model.";
        const signature = part.thoughtSignature;
        if (signaturesRequired && calls === 0 && signature === undefined) {
          return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`${String((part.functionCall as Json).name)}\` , position ${j + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`;
        }
        if (signature !== undefined && signature !== SKIP_SIGNATURE && !issued.has(String(signature))) return "Corrupted thought signature.";
        calls++;
      }
      if (part.functionResponse !== undefined) {
        if (role !== "user") return "Please ensure that function response turns come from the user.";
        responses++;
      }
    }
    if (previous && previous.calls > 0 && responses !== previous.calls) {
      return "Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.";
    }
    previous = { role, calls, responses };
  }
  return undefined;
}
