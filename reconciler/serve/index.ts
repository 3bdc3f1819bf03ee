// HTTP surfaces: the status page, /api/status, /metrics, /healthz, /readyz.
export { type HttpSurface, startHttpSurface } from './http-server.ts';
export { isLoopback, type ListenAddress, parseListen } from './listen.ts';
export { notReadyReason, Surface } from './surface.ts';
export { readView, viewPath, writeView } from './view-file.ts';
