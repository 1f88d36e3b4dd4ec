/**
 * A tiny element tree for one CAMT fragment (an Ntry, an Acct, a Bal). The streaming parser builds
 * one of these per fragment and drops it once converted, so the heap holds one entry, not the file.
 * Names are local names: CAMT files come with and without namespace prefixes, and v2..v8 differ
 * only in the namespace URI, so matching local names reads all of them.
 */
export interface El {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: El[];
  /** 1-based line of the opening tag, for messages. */
  line: number;
}

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/** The first descendant along a path of local names ("RltdPties/Dbtr/Nm"). */
export function find(el: El | undefined, path: string): El | undefined {
  let cur = el;
  for (const step of path.split('/')) {
    if (!cur) return undefined;
    cur = cur.children.find((c) => c.name === step);
  }
  return cur;
}

/** All elements reached by a path; the last step may repeat (several Ustrd, several TxDtls). */
export function findAll(el: El | undefined, path: string): El[] {
  const steps = path.split('/');
  let level: El[] = el ? [el] : [];
  for (const step of steps) level = level.flatMap((e) => e.children.filter((c) => c.name === step));
  return level;
}

/** Trimmed text at a path, or null when the element is missing or empty. */
export function text(el: El | undefined, path?: string): string | null {
  const target = path ? find(el, path) : el;
  const t = target?.text.trim();
  return t ? t : null;
}

/** JSON form for `raw`: repeated children become arrays, attributes '@name', text '#text'. */
export function toJson(el: El): unknown {
  if (el.children.length === 0 && Object.keys(el.attrs).length === 0) return el.text.trim();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(el.attrs)) out[`@${k}`] = v;
  if (el.children.length === 0) out['#text'] = el.text.trim();
  for (const c of el.children) {
    const v = toJson(c);
    const prev = out[c.name];
    if (prev === undefined) out[c.name] = v;
    else if (Array.isArray(prev) && c.name in out && repeated.has(prev)) prev.push(v);
    else {
      const arr = [prev, v];
      repeated.add(arr);
      out[c.name] = arr;
    }
  }
  return out;
}
const repeated = new WeakSet<unknown[]>();
