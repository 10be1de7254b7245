// What the mock needs to speak one provider's wire format: where the key is, the routes it
// answers, and its error body shape with its own messages.
import { randomUUID } from "node:crypto";

export type JsonObject = Record<string, unknown>;

export interface RouteInput {
  /** The parsed JSON body ({} for none). */
  body: JsonObject;
  query: URLSearchParams;
}

export interface MockFormat {
  /** The API key a request carries, undefined when the auth header is missing or malformed. */
  key(headers: Record<string, string>): string | undefined;
  /** "METHOD /path" below the provider's prefix → success body; throws MockInvalidRequest (mock-validate.ts) for a 400. */
  routes: Record<string, (input: RouteInput) => unknown>;
  /** The provider's error body for a status, with `message` in place of its default one. */
  errorBody(status: number, message?: string): unknown;
}

export function bearer(headers: Record<string, string>): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(headers.authorization ?? "")?.[1]?.trim();
}

export function requestId(): string {
  return randomUUID().replaceAll("-", "");
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function count(value: unknown, fallback: number): number {
  return typeof value === "number" ? value : fallback;
}
