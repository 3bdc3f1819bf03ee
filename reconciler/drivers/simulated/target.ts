// The simulated driver's target: nothing to say but its name.

/** `driver: simulated`: the embedded, file-backed fleet. */
export interface SimulatedTarget {
  driver: 'simulated';
}

declare module '../../model.ts' {
  /** `driver: simulated` is a driver. */
  interface TargetSpecs {
    simulated: SimulatedTarget;
  }
}
