// Builds the pages the browser tests serve from the node under test (deployed beside the WAR at
// /seed-pages, so that they are same-origin with the API as the seeds' pages are with theirs):
// the seeds' own client code, bundled with React and Alpine from node_modules, and pages for the
// client's own React and Alpine bindings. Usage: node build-test-pages.mjs <output directory>
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const module = resolve(here, "../../..");
const client = join(module, "src/main/webapp/presence");
const out = resolve(module, process.argv[2] || "target/seed-pages");
mkdirSync(join(out, "WEB-INF"), { recursive: true });
mkdirSync(join(out, "vendor"), { recursive: true });
writeFileSync(join(out, "WEB-INF/web.xml"),
  '<?xml version="1.0" encoding="UTF-8"?>\n<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"/>\n');

// Seed 001's Alpine page is a Blade template: render it as Laravel would for each test user.
const blade = readFileSync(join(here, "seed001/record-editor.blade.php"), "utf8");
for (const user of ["101", "102"]) {
  const html = blade
    .replace(/\{\{--[\s\S]*?--\}\}/g, "")
    .replaceAll("{{ $recordType }}", "flow")
    .replaceAll("{{ $record->id }}", "FL-seed001-alpine")
    .replaceAll("{{ auth()->id() }}", user)
    .replaceAll("@entangle('isDirty')", "false");
  writeFileSync(join(out, `seed001-alpine-${user}.html`), page("Seed 001: Alpine component", html,
    '<script defer src="vendor/alpine.js"></script>'));
}
copyFileSync(join(module, "node_modules/alpinejs/dist/cdn.min.js"), join(out, "vendor/alpine.js"));

// Seed 004's console snippet, with only the host changed: the first statements run as the page
// loads, the send as a second step once the socket is open (as typed into a console).
const snippet = readFileSync(join(here, "seed004/console-snippet.js"), "utf8")
  .replace("ws://localhost:9000", "ws://127.0.0.1:18370");
const [open, send] = snippet.split("// Send presence update");
writeFileSync(join(out, "seed004-ws.html"), page("Seed 004: WebSocket snippet",
  `<script type="text/plain" id="console-step-2">${send.trim()}</script>`,
  `<script>window.received = [];
const consoleLog = console.log;
console.log = (label, message) => { window.received.push(message); consoleLog(label, message); };</script>
<script>${open}</script>`));

// React pages: JSX and TSX bundled with React; seed 004's "@/hooks/usePresence" is the React binding.
for (const name of readdirSync(join(here, "pages")).filter((f) => /\.(jsx|js)$/.test(f))) {
  const base = name.replace(/\.(jsx|js)$/, "");
  await build({
    entryPoints: [join(here, "pages", name)],
    bundle: true,
    format: "esm",
    jsx: "automatic",
    outfile: join(out, `${base}.js`),
    alias: { "@/hooks/usePresence": join(client, "react.js") },
    nodePaths: [join(module, "node_modules")],
    define: { "process.env.NODE_ENV": '"development"' },
    logLevel: "warning",
  });
  const body = readFileSync(join(here, "pages", `${base}.html`), "utf8");
  writeFileSync(join(out, `${base}.html`), page(base, body, `<script type="module" src="${base}.js"></script>`));
}

function page(title, body, scripts) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="csrf-token" content="laravel-session-csrf-token">
<title>${title}</title>
${scripts}
</head>
<body>
${body}
</body>
</html>
`;
}
