// structtree.mjs: reads PDFs with pdf.js (pdfjs-dist) and prints, as JSON,
// what pdf.js sees of their tagging: the catalog's mark info, viewer
// preferences and page mode, the XMP title and PDF/UA part, the outline,
// and for every page the structure tree from getStructTree(), with each
// marked-content leaf replaced by the text pdf.js extracts from it.
//
// Usage: node structtree.mjs file.pdf [file.pdf...]
// Run by internal/pdf's tests (TestPDFJS); install with `npm ci` here first.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

async function read(path) {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
  const meta = await doc.getMetadata();
  const xmp = meta.metadata;
  const out = {
    file: path,
    pages: doc.numPages,
    markInfo: await doc.getMarkInfo(),
    viewerPreferences: await doc.getViewerPreferences(),
    pageMode: await doc.getPageMode(),
    infoTitle: meta.info.Title ?? null,
    language: meta.info.Language ?? null,
    xmpTitle: xmp ? xmp.get("dc:title") : null,
    pdfuaPart: xmp ? xmp.get("pdfuaid:part") : null,
    outline: await outline(doc),
    trees: [],
  };
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: true });
    // Text of each marked-content id; text outside any id is kept apart.
    const text = new Map();
    const stack = [];
    let untagged = "";
    for (const it of content.items) {
      if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
        stack.push(it.id ?? "artifact:" + it.tag);
      } else if (it.type === "endMarkedContent") {
        stack.pop();
      } else if (typeof it.str === "string") {
        // pdf.js drops the space at the end of a line and flags the line's
        // end instead: put the space back.
        const s = it.str + (it.hasEOL ? " " : "");
        const id = stack.length ? stack[stack.length - 1] : null;
        if (id === null) untagged += s;
        else text.set(id, (text.get(id) ?? "") + s);
      }
    }
    const tree = await page.getStructTree();
    out.trees.push({ page: n, untagged, tree: tree ? fill(tree, text) : null });
  }
  await doc.destroy();
  return out;
}

// fill replaces each content leaf of a structure tree by its text.
function fill(node, text) {
  if (node.type === "content") {
    return { type: "content", text: text.get(node.id) ?? "" };
  }
  if (node.type === "object" || node.type === "annotation") {
    return { type: node.type };
  }
  const out = { role: node.role };
  if (node.alt !== undefined) out.alt = node.alt;
  if (node.lang !== undefined) out.lang = node.lang;
  out.children = (node.children ?? []).map((c) => fill(c, text));
  return out;
}

async function outline(doc) {
  const walk = (items) => (items ?? []).map((it) => ({ title: it.title, items: walk(it.items) }));
  return walk(await doc.getOutline());
}

const results = [];
for (const path of process.argv.slice(2)) {
  results.push(await read(path));
}
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
