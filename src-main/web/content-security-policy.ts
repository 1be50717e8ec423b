// The one Content Security Policy of the renderer, in both runtimes: sent as a header by the
// browser-mode server and by the app:// protocol, and written as a <meta> in index.html (a test
// keeps the two equal). No inline script or style, no connection but to the page's own origin
// (browser mode's WebSocket is same-origin), no plugins, forms or framing.
export const RENDERER_CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
] as const;

/** A header can also forbid framing, which a <meta> policy cannot. */
export const RENDERER_CSP_HEADER = [...RENDERER_CSP_DIRECTIVES, "frame-ancestors 'none'"].join(
  '; ',
);
