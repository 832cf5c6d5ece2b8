/**
 * Namespace names: lower-case words and hyphens, so that a namespace is exactly the key range
 * between "name:" and "name;" (no name is a prefix of another's range).
 */
export function checkNamespace(name: string): void {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`bad namespace "${name}"`);
}
