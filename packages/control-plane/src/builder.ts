// The Pothos schema builder and the request context every resolver sees.
import SchemaBuilder from "@pothos/core";
import type { PrismaClient } from "@switchyard/db";

export interface Viewer {
  userId: string;
  /** How the caller authenticated. */
  via: "access_token";
}

export interface Context {
  prisma: PrismaClient;
  viewer: Viewer | null;
}

export const builder = new SchemaBuilder<{ Context: Context; DefaultFieldNullability: false }>({
  defaultFieldNullability: false,
});
