// Writing provider keys: encrypt under the record's own binding, keep only the last 4 visible.
import { newId } from "@switchyard/core";
import type { Prisma, ProviderKeyKind } from "@switchyard/db";
import { encryptSecret, type Keyring } from "@switchyard/vault";
import { ConflictError } from "../graph/errors.ts";
import type { AdmittedKey } from "./admission.ts";

export async function insertKey(
  tx: Prisma.TransactionClient,
  keyring: Keyring,
  key: AdmittedKey,
  meta: { organizationId: string; kind: ProviderKeyKind; label: string | null; createdById: string },
): Promise<string> {
  const id = newId("pk");
  const encrypted = encryptSecret(keyring, { organizationId: meta.organizationId, recordId: id, providerId: key.target.id }, key.secret, { maskSource: key.maskSource });
  await tx.providerKey.create({
    data: {
      id,
      organizationId: meta.organizationId,
      providerId: key.target.id,
      kind: meta.kind,
      status: "active",
      label: meta.label,
      ciphertext: encrypted.ciphertext,
      wrappedDataKey: encrypted.wrappedDataKey,
      masterKeyVersion: encrypted.masterKeyVersion,
      last4: encrypted.last4,
      config: key.config,
      validatedAt: new Date(),
      createdById: meta.createdById,
    },
  });
  return id;
}

/** The active key of a provider, if any. */
export function activeKey(tx: Prisma.TransactionClient, organizationId: string, kind: ProviderKeyKind, providerId: string) {
  return tx.providerKey.findFirst({ where: { organizationId, kind, providerId, status: "active" }, select: { id: true, last4: true } });
}

export function oneActiveConflict(providerName: string, last4: string): ConflictError {
  return new ConflictError(
    `${providerName} already has an active key (••••${last4}). Deactivate or delete it first, or use replaceProviderKey to swap keys in one step.`,
  );
}

/** A unique violation on the one-active-key index: another request won the race. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}
