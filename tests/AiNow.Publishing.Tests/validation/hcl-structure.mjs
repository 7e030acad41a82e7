// A structural scanner for HCL native syntax: which names in a body are written as attributes
// (`name = expr`) and which as blocks (`name "label" { ... }`), with line numbers.
//
// hcl2json renders `set { ... }` (a block) and `set = [{ ... }]` (an attribute) identically, and
// Terraform treats them differently (a nested_type attribute rejects block syntax; a block rejects
// attribute syntax), so the schema checker pairs hcl2json's values with this tree. It is not a parser:
// expressions are skipped, not read, and the input is assumed to have passed hcl2json's real parser.
//
// scanHcl(text) -> Body; Body = { attrs: Map<name, {line}>, blocks: [{ type, labels, line, body: Body }] }

const isIdentStart = (c) => /[A-Za-z_]/.test(c);
const isIdentChar = (c) => /[A-Za-z0-9_-]/.test(c);

export function scanHcl(src) {
  const n = src.length;
  let i = 0;
  const lineStarts = [0];
  for (let k = 0; k < n; k++) if (src[k] === "\n") lineStarts.push(k + 1);
  const lineOf = (pos) => {
    let lo = 0, hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };

  const skipLineComment = () => { while (i < n && src[i] !== "\n") i++; };
  const skipBlockComment = () => { const end = src.indexOf("*/", i + 2); i = end < 0 ? n : end + 2; };

  // Skips blanks and comments; stops at a newline unless newlines are allowed.
  const skipTrivia = (newlines) => {
    while (i < n) {
      const c = src[i];
      if (c === " " || c === "\t" || c === "\r" || (newlines && c === "\n")) i++;
      else if (c === "#" || (c === "/" && src[i + 1] === "/")) skipLineComment();
      else if (c === "/" && src[i + 1] === "*") skipBlockComment();
      else break;
    }
  };

  const readIdent = () => { const s = i; while (i < n && isIdentChar(src[i])) i++; return src.slice(s, i); };

  // i at the opening quote; leaves i after the closing quote. Returns the raw text between the quotes.
  const skipString = () => {
    const start = ++i;
    while (i < n) {
      const c = src[i];
      if (c === "\\") { i += 2; continue; }
      if (c === '"') { i++; return src.slice(start, i - 1); }
      if (c === "\n") return src.slice(start, i); // unterminated; let the real parser complain
      if ((c === "$" || c === "%") && src[i + 1] === c && src[i + 2] === "{") { i += 3; continue; } // $${ escape
      if ((c === "$" || c === "%") && src[i + 1] === "{") { i += 2; skipExpression(true); continue; }
      i++;
    }
    return src.slice(start, i);
  };

  // i at "<<"; leaves i at the end of the closing marker's line.
  const skipHeredoc = () => {
    const m = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(src.slice(i, i + 200));
    if (!m) { i += 2; return; }
    const marker = m[1];
    i += m[0].length;
    while (i < n) {
      let end = src.indexOf("\n", i);
      if (end < 0) end = n;
      const text = src.slice(i, end).trim();
      i = end;
      if (text === marker) return;
      if (i < n) i++;
    }
  };

  // Skips an expression. At top level it ends at a newline or an unmatched "}" (left in place);
  // inside a template interpolation it ends after the matching "}".
  function skipExpression(inTemplate) {
    let depth = 0;
    while (i < n) {
      const c = src[i];
      if (c === "\n") { if (depth === 0 && !inTemplate) return; i++; continue; }
      if (c === "#" || (c === "/" && src[i + 1] === "/")) { skipLineComment(); continue; }
      if (c === "/" && src[i + 1] === "*") { skipBlockComment(); continue; }
      if (c === '"') { skipString(); continue; }
      if (c === "<" && src[i + 1] === "<" && /[-A-Za-z_]/.test(src[i + 2] ?? "")) { skipHeredoc(); continue; }
      if (c === "(" || c === "[" || c === "{") { depth++; i++; continue; }
      if (c === ")" || c === "]" || c === "}") {
        if (depth === 0) { if (inTemplate && c === "}") i++; return; }
        depth--; i++; continue;
      }
      i++;
    }
  }

  const skipRestOfLine = () => { skipExpression(false); };

  function scanBody(closing) {
    const body = { attrs: new Map(), blocks: [] };
    for (;;) {
      skipTrivia(true);
      if (i >= n) return body;
      const c = src[i];
      if (c === "}") { i++; if (closing) return body; continue; }
      if (!isIdentStart(c)) { i++; skipRestOfLine(); continue; }
      const start = i;
      const name = readIdent();
      skipTrivia(false);
      if (src[i] === "=" && src[i + 1] !== "=") {
        i++;
        skipExpression(false);
        body.attrs.set(name, { line: lineOf(start) });
        continue;
      }
      const labels = [];
      while (i < n && src[i] !== "{") {
        if (src[i] === '"') labels.push(skipString());
        else if (isIdentStart(src[i])) labels.push(readIdent());
        else break;
        skipTrivia(false);
      }
      if (src[i] === "{") {
        i++;
        const inner = scanBody(true);
        body.blocks.push({ type: name, labels, line: lineOf(start), body: inner });
        continue;
      }
      skipRestOfLine();
    }
  }

  return scanBody(false);
}
