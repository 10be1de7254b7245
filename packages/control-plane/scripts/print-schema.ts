// Writes schema.graphql; CI checks that the committed file matches the code.
import { writeFileSync } from "node:fs";
import { printedSchema } from "../src/schema.ts";

writeFileSync(new URL("../schema.graphql", import.meta.url), printedSchema());
