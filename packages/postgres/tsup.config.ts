import type { Options } from 'tsup';
import { packageConfig } from '../../tsup.shared.js';

// @izinkit/internal-sha256 is a private workspace package (a devDependency): its code is bundled
// into dist, so the published package never imports it.
const config: Options[] = packageConfig().map((c) => ({ ...c, noExternal: ['@izinkit/internal-sha256'] }));
export default config;
