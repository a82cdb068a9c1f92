const BRAND = Symbol.for('izinkit.error');

/** Stable codes of {@link IysSimulatorError} besides İYS's own H-codes. */
export type IysSimulatorErrorCode = 'simulator_data_file' | 'simulator_options' | (string & {});

/**
 * An error of the simulator's own API (not an HTTP answer): a citizen change İYS would refuse
 * (`code` is the H-code, e.g. `H174` for the same status again), a bad option, or an unreadable
 * data file.
 *
 * @example
 * ```ts
 * try {
 *   await sim.citizenChange({ brandCode: 600000, recipient: 'x', recipientType: 'BIREYSEL', type: 'MESAJ', status: 'RET', source: 'IYS_WEB' });
 * } catch (e) {
 *   if (e instanceof IysSimulatorError) console.log(e.code); // 'H122'
 * }
 * ```
 */
export class IysSimulatorError extends Error {
  /** The H-code or the simulator's code. */
  readonly code: IysSimulatorErrorCode;
  /** Field path, when it applies. */
  readonly location: readonly (string | number)[] | undefined;

  /**
   * @param code - H-code or simulator code
   * @param message - Turkish / English message
   * @param options - `cause`, `location`
   */
  constructor(
    code: IysSimulatorErrorCode,
    message: string,
    options: { cause?: unknown; location?: readonly (string | number)[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'IysSimulatorError';
    this.code = code;
    this.location = options.location;
    Object.defineProperty(this, BRAND, { value: true });
  }
}
