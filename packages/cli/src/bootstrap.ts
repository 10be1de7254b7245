// First start on an empty database: an owner, an organization, a hybrid project, one API key and
// one control-plane access token. The secrets are shown once and written to bootstrap.json (0600).
import { writeFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "@switchyard/config";
import { newId } from "@switchyard/core";
import { type Database, Prisma } from "@switchyard/db";
import { generateAccessToken, generateApiKey } from "@switchyard/vault";

export interface BootstrapResult {
  apiKey: string;
  adminToken: string;
  organizationId: string;
  projectId: string;
  gatewayUrl: string;
  graphqlUrl: string;
}

export function publicUrls(config: Config, ports: { gateway: number; api: number }): { gatewayUrl: string; graphqlUrl: string } {
  const gateway = config.publicUrls.gateway ?? `http://localhost:${ports.gateway}`;
  const api = config.publicUrls.api ?? `http://localhost:${ports.api}`;
  return { gatewayUrl: `${gateway.replace(/\/$/, "")}/v1`, graphqlUrl: `${api.replace(/\/$/, "")}/graphql` };
}

const BOOTSTRAP_LOCK = 72_707_370;

/** Creates the first tenant if the database has no user yet; null when it already has one. */
export async function bootstrapIfEmpty(db: Database, config: Config, hmacSecret: string, urls: { gatewayUrl: string; graphqlUrl: string }): Promise<BootstrapResult | null> {
  const apiKey = generateApiKey(hmacSecret);
  const token = generateAccessToken();
  const ids = { user: newId("usr"), org: newId("org"), project: newId("prj"), tokenId: newId("tok") };
  const created = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
    if ((await tx.user.count()) > 0) return false;
    await tx.user.create({ data: { id: ids.user, email: config.bootstrap.email, name: "Owner", isPlatformOperator: true } });
    const credits = new Prisma.Decimal(config.bootstrap.credits);
    await tx.organization.create({ data: { id: ids.org, name: "Default organization", balance: { create: { balance: credits } } } });
    if (credits.greaterThan(0)) {
      await tx.creditLedgerEntry.create({ data: { id: newId("led"), organizationId: ids.org, kind: "grant", amount: credits, description: "bootstrap grant" } });
    }
    await tx.membership.create({ data: { id: newId("mem"), userId: ids.user, organizationId: ids.org, role: "owner" } });
    await tx.project.create({ data: { id: ids.project, organizationId: ids.org, name: "Default project", mode: "hybrid" } });
    await tx.apiKey.create({
      data: { id: apiKey.id, organizationId: ids.org, projectId: ids.project, name: "bootstrap", prefix: apiKey.prefix, secretHash: apiKey.secretHash, last4: apiKey.last4, createdById: ids.user },
    });
    await tx.accessToken.create({ data: { id: ids.tokenId, userId: ids.user, name: "bootstrap", tokenHash: token.tokenHash, last4: token.last4 } });
    await tx.auditLog.create({
      data: { id: newId("aud"), organizationId: ids.org, actorType: "system", action: "system.bootstrap", targetType: "organization", targetId: ids.org, metadata: { apiKeyId: apiKey.id, accessTokenId: ids.tokenId } },
    });
    return true;
  });
  if (!created) return null;
  const result: BootstrapResult = { apiKey: apiKey.token, adminToken: token.token, organizationId: ids.org, projectId: ids.project, ...urls };
  const file = join(config.dataDir, "bootstrap.json");
  await writeFile(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
  return result;
}

export function bootstrapBanner(result: BootstrapResult, dataDir: string): string {
  return [
    "",
    "  Switchyard is bootstrapped. These secrets are shown once (also in bootstrap.json, mode 0600):",
    `    API key (gateway):      ${result.apiKey}`,
    `    Admin token (GraphQL):  ${result.adminToken}`,
    `    Organization / project: ${result.organizationId} / ${result.projectId}`,
    `    Gateway:  ${result.gatewayUrl}`,
    `    GraphQL:  ${result.graphqlUrl}`,
    `    File:     ${join(dataDir, "bootstrap.json")}`,
    "",
  ].join("\n");
}
