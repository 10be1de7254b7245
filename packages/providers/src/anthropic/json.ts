// Small helpers for reading untyped JSON in the Anthropic translation.
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parameter the Anthropic Messages API cannot honour: the gateway answers 400 naming it. */
export class Unsupported extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = "Unsupported";
  }
}
