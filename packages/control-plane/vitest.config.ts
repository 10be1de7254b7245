import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

// Pothos and graphql-yoga must share one `graphql` instance; under vitest the ESM and CJS
// builds would otherwise both load ("Cannot use GraphQLScalarType from another realm").
const graphql = createRequire(import.meta.url).resolve("graphql");

export default defineConfig({ resolve: { alias: { graphql } } });
