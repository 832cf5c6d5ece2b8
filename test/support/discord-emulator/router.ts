/** Matches a decoded path against route templates; literal segments beat parameters
 * (`/users/@me` wins over `/users/:userId`). */
import type { RouteDefinition } from './context';

export type RouteMatch =
  | { kind: 'found'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

interface CompiledRoute {
  route: RouteDefinition;
  segments: string[];
  literals: number;
}

export interface Router {
  match(method: string, segments: string[]): RouteMatch;
}

function matchSegments(template: string[], path: string[]): Record<string, string> | null {
  if (template.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i += 1) {
    const t = template[i] ?? '';
    const p = path[i] ?? '';
    if (t.startsWith(':')) {
      if (p === '') return null;
      params[t.slice(1)] = p;
    } else if (t !== p) return null;
  }
  return params;
}

export function createRouter(routes: readonly RouteDefinition[]): Router {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const segments = route.template.split('/').filter(Boolean);
    return { route, segments, literals: segments.filter((s) => !s.startsWith(':')).length };
  });
  compiled.sort((a, b) => b.literals - a.literals);
  return {
    match(method, segments) {
      let pathMatched = false;
      for (const entry of compiled) {
        const params = matchSegments(entry.segments, segments);
        if (!params) continue;
        if (entry.route.method === method) return { kind: 'found', route: entry.route, params };
        pathMatched = true;
      }
      return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
    },
  };
}
