/**
 * A tiny path router: each dialect declares a handful of `METHOD /path/:param` routes, and this
 * matches them segment by segment. Enough for a dozen routes; no dependency needed.
 */
import type { Handler } from './context';

/** A declared route; `pattern` segments starting with ':' capture one decoded path segment. */
export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
}

/** The outcome of matching a path: a route, a known path with the wrong method, or nothing. */
export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] as string;
    const segment = segments[i] as string;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Finds the route for `method path`; literal segments win over captures by declaration order. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = decodeSegments(path);
  if (!segments) return { kind: 'not_found' };
  const allowed: string[] = [];
  const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (wanted.includes(route.method)) return { kind: 'found', handler: route.handler, params };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
}
