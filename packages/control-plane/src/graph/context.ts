// The request context every resolver sees.
import type { MemberRole, PrismaClient } from "@switchyard/db";
import type { ControlPlaneDeps } from "../deps.ts";
import type { OwnedKind } from "./owners.ts";

export interface Auth {
  userId: string;
  isOperator: boolean;
  /** The caller's role in each organization they belong to. */
  roles: ReadonlyMap<string, MemberRole>;
  via: "session" | "access_token";
  /** The session or access token id (sign-out revokes it). */
  credentialId: string;
}

export interface Context {
  deps: ControlPlaneDeps;
  prisma: PrismaClient;
  auth: Auth | null;
  request: Request;
  /** `Set-Cookie` values added to this response. */
  cookies: string[];
  /** The organization that owns an object, memoised for the request; undefined if none. */
  ownerOf(kind: OwnedKind, id: string): Promise<string | undefined>;
}
