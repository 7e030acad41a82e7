// Finds fields the official schema does not know. The schemas leave additionalProperties open (as the
// API server does, which prunes unknown fields of custom resources in silence), so a misspelled field
// validates and is then dropped on apply. The compiled validators read every property their schema
// names, present or not, and every key of a map; a field of an object the validator looked into that it
// never read is therefore unknown. Objects the schema leaves free (no properties, preserved unknown
// fields) are not looked into and are not judged.

/** Runs validate on a copy of object that records what it reads; returns the fields it never read. */
export function unknownFields(object, validate) {
  const tracked = [];
  validate(track(object, "", tracked));
  const unknown = [];
  for (const { path, keys, read } of tracked) {
    if (read.size === 0) continue;
    for (const key of keys) {
      if (!read.has(key)) unknown.push(path === "" ? key : `${path}.${key}`);
    }
  }
  return unknown;
}

function track(value, path, tracked) {
  if (Array.isArray(value)) {
    return value.map((item, index) => track(item, `${path}[${index}]`, tracked));
  }
  if (value === null || typeof value !== "object") {
    return value;
  }
  const copy = {};
  for (const [key, child] of Object.entries(value)) {
    copy[key] = track(child, path === "" ? key : `${path}.${key}`, tracked);
  }
  const read = new Set();
  tracked.push({ path, keys: Object.keys(copy), read });
  return new Proxy(copy, {
    get(target, key, receiver) {
      if (typeof key === "string") read.add(key);
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      if (typeof key === "string") read.add(key);
      return Reflect.has(target, key);
    },
  });
}
