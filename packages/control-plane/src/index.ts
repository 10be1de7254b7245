export { startControlPlane } from "./server.ts";
export { createControlPlane } from "./yoga.ts";
export { printedSchema } from "./schema.ts";
