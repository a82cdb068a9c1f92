import type { Options } from 'tsup';
import { packageConfig } from '../../tsup.shared.js';

const config: Options[] = packageConfig();
export default config;
