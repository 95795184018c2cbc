// `make lint`: ESLint over the site's own JavaScript and the tests' node scripts. The stemmer,
// porter2.js, is made by `make` from its npm package and is not ours to lint; chrome.js is a
// template, linted as MkDocs renders it (tests/test_chrome.py).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["overrides/assets/javascripts/porter2.js", "overrides/assets/javascripts/chrome.js"],
  },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: "error",
      "no-var": "error",
      "prefer-const": "error",
      "no-shadow": "error",
      "no-unused-vars": ["error", { args: "all", argsIgnorePattern: "^_" }],
    },
  },
  {
    // Loaded by every page as a classic script (overrides/main.html).
    files: ["overrides/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  {
    files: ["tests/node/**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
];
