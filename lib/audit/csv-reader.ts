// For tests: a strict RFC 4180 reader that throws on anything a correct writer would not produce.
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (c === '"' || c === "\r" || c === "\n") {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else field += c;
  }
  if (field || row.length) throw new Error("missing final CRLF");
  return rows;
}
