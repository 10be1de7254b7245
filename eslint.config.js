import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/generated/**", "**/dist/**", ".switchyard/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through @switchyard/config." }]
    }
  },
  {
    files: ["packages/config/src/**", "**/*.test.ts", "packages/*/src/testing/**", "packages/*/scripts/**"],
    rules: { "no-restricted-properties": "off" }
  }
);
