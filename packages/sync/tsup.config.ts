import type { Options } from 'tsup';
import { packageConfig } from '../../tsup.shared.js';

const config: Options[] = packageConfig({ bins: { 'izinkit-sync-worker': 'src/bin.ts' } });
export default config;
