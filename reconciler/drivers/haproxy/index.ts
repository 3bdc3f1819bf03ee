export { haproxyDriver } from './descriptor.ts';
export type { HaproxyDriver, HaproxyOptions } from './haproxy-driver.ts';
export { createHaproxyDriver } from './haproxy-driver.ts';
export type { BackendServer } from './parse.ts';
export { adminWord, parseServersState, parseStatSessions } from './parse.ts';
export { answerError, runtimeCommand } from './runtime-api.ts';
export type { HaproxyTarget, HaproxyTargetDocument } from './target.ts';
