import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The end-to-end tests run the CLI as users do: the bundle built from these sources.
    globalSetup: ["./src/testing/bundle-setup.ts"],
  },
});
