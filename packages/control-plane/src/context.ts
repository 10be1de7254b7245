// Resolves the caller from `Authorization: Bearer syat_…` (control-plane access tokens).
import type { PrismaClient } from "@switchyard/db";
import { hashAccessToken } from "@switchyard/vault";
import type { Viewer } from "./builder.ts";

export async function resolveViewer(prisma: PrismaClient, headers: Headers): Promise<Viewer | null> {
  const match = /^Bearer\s+(syat_[0-9a-z]+)\s*$/.exec(headers.get("authorization") ?? "");
  if (!match) return null;
  const token = await prisma.accessToken.findUnique({ where: { tokenHash: hashAccessToken(match[1]!) } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
  return { userId: token.userId, via: "access_token" };
}
