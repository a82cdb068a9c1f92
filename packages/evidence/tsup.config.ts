import type { Options } from 'tsup';
import { packageConfig } from '../../tsup.shared.js';

const config: Options[] = packageConfig({ bins: { 'izinkit-verify': 'src/bin/izinkit-verify.ts' } });
export default config;
