/**
 * Namespace names: lower-case words and hyphens, so that a namespace is exactly the key range
 * between "name:" and "name;" (no name is a prefix of another's range).
 */
export function checkNamespace(name: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad namespace "${name}"`);
}

/** [after, before]: every key of the namespace sorts strictly between them (';' follows ':'); no namespace: every key. */
export function namespaceRange(namespace: string | undefined): [string, string] {
  return namespace ? [`${namespace}:`, `${namespace};`] : ['', '\uffff'];
}
