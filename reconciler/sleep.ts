// Waiting in real time: the one sleep the CLI, the drivers and the stores hand to code that takes one.
import { setTimeout as delay } from 'node:timers/promises';

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => delay(ms);
