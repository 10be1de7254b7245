// Response healing's preconditions, checked before the model is called: a non-streaming request
// (a streamed answer's bytes are with the client before it could be repaired) whose
// response_format asks for JSON (json_object or json_schema). Returns the check answers must pass.
import { SwitchyardError } from "@switchyard/core";
import { HEALING_PLUGIN } from "../plugins.ts";
import type { ChatRequest } from "../schema.ts";
import { objectCheck, schemaCheck, type JsonCheck } from "./schema.ts";

export interface Healer {
  check: JsonCheck;
}

export function prepareHealing(body: ChatRequest): Healer {
  if (body.stream === true) {
    throw new SwitchyardError(
      "invalid_request",
      `The ${HEALING_PLUGIN} plugin works on complete answers only: a streamed answer reaches you chunk by chunk before it could be checked or repaired. Send stream: false, or remove the plugin.`,
      { param: "stream" },
    );
  }
  const format = body.response_format;
  if (format?.type === "json_object") return { check: objectCheck };
  if (format?.type === "json_schema") {
    const spec = format.json_schema as { schema?: Record<string, unknown>; strict?: boolean | null };
    return { check: schemaCheck(spec.schema ?? {}, spec.strict === true) };
  }
  throw new SwitchyardError(
    "invalid_request",
    `The ${HEALING_PLUGIN} plugin repairs JSON answers: send response_format {"type": "json_object"} or {"type": "json_schema", …} with it.`,
    { param: "response_format" },
  );
}
