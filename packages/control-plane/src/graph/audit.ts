// Every mutation leaves an audit entry: who did what to which object. Metadata never holds a
// secret (callers pass ids, names and masked values only).
import { newId } from "@switchyard/core";
import type { Prisma } from "@switchyard/db";
import type { Context } from "./context.ts";

type Tx = Pick<Context["prisma"], "auditLog">;

export interface AuditEntry {
  organizationId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  metadata?: Prisma.InputJsonObject;
}

export async function audit(tx: Tx, ctx: Pick<Context, "auth">, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: newId("aud"),
      organizationId: entry.organizationId,
      actorType: ctx.auth ? (ctx.auth.via === "session" ? "user" : "access_token") : "anonymous",
      actorId: ctx.auth?.userId ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: entry.metadata ?? {},
    },
  });
}
