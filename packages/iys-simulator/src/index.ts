/**
 * A faithful local İYS server for tests, demos and development: every endpoint, rule and H-code,
 * citizen-side changes, virtual clock and fault injection.
 *
 * @packageDocumentation
 */

export type { IysSimulatorErrorCode } from './errors.js';
export { IysSimulatorError } from './errors.js';
export type {
  CitizenChange,
  FaultKind,
  FaultOptions,
  IysSimulatorOptions,
  OneShotFault,
  SimulatorBrand,
  SimulatorVariants,
} from './options.js';
export type {
  IysSimulator,
  SimulatedChange,
  SimulatedConsent,
  SimulatorSnapshot,
  SimulatorStats,
  SubmissionRecord,
} from './simulator.js';
export { SIMULATOR_DEFAULTS, startIysSimulator } from './simulator.js';
