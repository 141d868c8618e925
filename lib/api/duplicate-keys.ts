const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * The first key that appears twice in one object of a JSON text, or null. JSON.parse keeps the last
 * of two, so `{"prompt":"shown in review","prompt":"sent"}` would validate one text and store
 * another; such bodies are refused instead. `text` must already be valid JSON.
 */
export function findDuplicateKey(text: string): string | null {
  // One set of keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open.at(-1);
      let next = end + 1;
      while (WHITESPACE.has(text[next] ?? '')) next++;
      if (keys && text[next] === ':') {
        const key: string = JSON.parse(text.slice(i, end + 1));
        if (keys.has(key)) return key;
        keys.add(key);
      }
      i = end + 1;
      continue;
    }
    if (char === '{') open.push(new Set());
    else if (char === '[') open.push(null);
    else if (char === '}' || char === ']') open.pop();
    i++;
  }
  return null;
}
