// Browser sessions: a random token in an httpOnly, SameSite=Strict cookie; only its SHA-256 is
// stored. A cookie counts only on requests a browser would preflight (see `cookieAllowed`).
import { createHash, randomBytes } from "node:crypto";

const SECURE_NAME = "__Host-sy_session";
const PLAIN_NAME = "sy_session";

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = `sys_${randomBytes(32).toString("base64url")}`;
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [`Path=/`, `HttpOnly`, `SameSite=Strict`, `Max-Age=${maxAgeSeconds}`, ...(secure ? ["Secure"] : [])];
  return [`${secure ? SECURE_NAME : PLAIN_NAME}=${token}`, ...attributes].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", 0, secure);
}

export function readSessionCookie(request: Request): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SECURE_NAME || name === PLAIN_NAME) {
      const value = rest.join("=");
      if (/^sys_[A-Za-z0-9_-]{43}$/.test(value)) return value;
    }
  }
  return undefined;
}

/**
 * CSRF defence beyond SameSite: ambient cookie credentials count only on a request no other
 * site can forge without a CORS preflight: a POST with a JSON body, or one carrying the
 * `x-switchyard-csrf` header. Otherwise the request is treated as anonymous.
 */
export function cookieAllowed(request: Request): boolean {
  if (request.headers.has("x-switchyard-csrf")) return true;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return request.method === "POST" && (type === "application/json" || type === "application/graphql-response+json");
}
