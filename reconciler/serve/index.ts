// HTTP surfaces: the status page, /api/status, /metrics, /healthz, /readyz.
export { type HttpSurface, startHttpSurface } from './http-server.ts';
export { isLoopback, type ListenAddress, parseListen } from './listen.ts';
export {
  loadStoredView,
  POOL_VIEW_KIND,
  poolViewWriter,
  type RecordsOf,
  savePoolRecords,
  savePoolViews,
  type ViewStore,
} from './pool-views.ts';
export { type PollerContext, storePoller } from './store-poller.ts';
export { notReadyReason, Surface } from './surface.ts';
