// Who is calling: a bearer access token (automation, the bootstrap token) or a browser session.
import type { PrismaClient } from "@switchyard/db";
import { hashAccessToken, isAccessToken } from "@switchyard/vault";
import type { Auth } from "../graph/context.ts";
import { cookieAllowed, hashSessionToken, readSessionCookie } from "./session-cookie.ts";

const LAST_USED_RESOLUTION_MS = 60_000;
const withRoles = { include: { memberships: { select: { organizationId: true, role: true } } } } as const;

type UserWithRoles = { id: string; isPlatformOperator: boolean; memberships: Array<{ organizationId: string; role: Auth["roles"] extends ReadonlyMap<string, infer R> ? R : never }> };

function toAuth(user: UserWithRoles, via: Auth["via"], credentialId: string): Auth {
  return { userId: user.id, isOperator: user.isPlatformOperator, roles: new Map(user.memberships.map((m) => [m.organizationId, m.role])), via, credentialId };
}

export async function authenticate(prisma: PrismaClient, request: Request): Promise<Auth | null> {
  const now = Date.now();
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  if (bearer !== undefined) {
    if (!isAccessToken(bearer)) return null;
    const token = await prisma.accessToken.findUnique({ where: { tokenHash: hashAccessToken(bearer) }, include: { user: withRoles } });
    if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= now)) return null;
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      void prisma.accessToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
    }
    return toAuth(token.user, "access_token", token.id);
  }
  const cookie = readSessionCookie(request);
  if (cookie === undefined || !cookieAllowed(request)) return null;
  const session = await prisma.session.findUnique({ where: { tokenHash: hashSessionToken(cookie) }, include: { user: withRoles } });
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now) return null;
  return toAuth(session.user, "session", session.id);
}
