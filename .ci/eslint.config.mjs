// ESLint flat config for the interactive page's script (src/smeeco/static/page.js).
// The page runs in any browser with no build step: plain ES5 in a function, browser globals.
import js from "@eslint/js";

export default [
  js.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: {
      ecmaVersion: 2015,
      sourceType: "script",
      globals: {
        window: "readonly",
        document: "readonly",
        location: "readonly",
        history: "readonly",
        PointerEvent: "readonly",
      },
    },
    rules: {
      eqeqeq: "error",
      "no-var": "off",
      "no-implicit-globals": "error",
      "no-shadow": "error",
      strict: ["error", "function"],
      curly: "error",
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
];
