/**
 * A small, offline user-agent parser: enough to say "Chrome 126 on Android 14, a phone" in a
 * proof-of-consent record. It reads the `User-Agent` header only; the raw header is always kept
 * beside the result, so nothing is lost when the parser does not know a browser.
 */

/**
 * The kind of device a user agent claims to be.
 *
 * @example
 * ```ts
 * const d: DeviceType = 'mobile';
 * ```
 */
export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'unknown';

/**
 * A name with an optional version, for a browser or an operating system.
 *
 * @example
 * ```ts
 * const b: NamedVersion = { name: 'Firefox', version: '128.0' };
 * ```
 */
export interface NamedVersion {
  /** For example `Chrome`, `Safari`, `Yandex Browser`, `Android`, `Windows`; `unknown` if not recognised. */
  readonly name: string;
  /** The version as the user agent writes it (dots, not underscores), when it gives one. */
  readonly version?: string;
}

/**
 * What {@link parseUserAgent} makes of a `User-Agent` header.
 *
 * @example
 * ```ts
 * const ua: UserAgentInfo = { browser: { name: 'Safari', version: '17.4' }, os: { name: 'iOS', version: '17.4' }, device: 'mobile' };
 * ```
 */
export interface UserAgentInfo {
  /** The browser (or app, or bot). */
  readonly browser: NamedVersion;
  /** The operating system. */
  readonly os: NamedVersion;
  /** The device kind. */
  readonly device: DeviceType;
}

const nv = (name: string, version: string | undefined): NamedVersion =>
  version ? { name, version: version.replace(/_/g, '.') } : { name };

const BOTS: readonly [RegExp, string][] = [
  [/Googlebot(?:-[A-Za-z]+)?\/([\d.]+)/, 'Googlebot'],
  [/bingbot\/([\d.]+)/i, 'Bingbot'],
  [/YandexBot\/([\d.]+)/, 'YandexBot'],
  [/curl\/([\d.]+)/, 'curl'],
  [/Wget\/([\d.]+)/, 'Wget'],
  [/python-requests\/([\d.]+)/, 'python-requests'],
  [/HeadlessChrome\/([\d.]+)/, 'Headless Chrome'],
  [/(?:bot|crawler|spider|crawling|slurp)\b[^/]*\/?([\d.]+)?/i, 'bot'],
];

/** Ordered: the more specific tokens come before the engines they build on (Edge before Chrome …). */
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
  [/\bOPR\/([\d.]+)/, 'Opera'],
  [/\bOPiOS\/([\d.]+)/, 'Opera'],
  [/\bOpera\/.*Version\/([\d.]+)/, 'Opera'],
  [/\bYaBrowser\/([\d.]+)/, 'Yandex Browser'],
  [/\bSamsungBrowser\/([\d.]+)/, 'Samsung Internet'],
  [/\bHuaweiBrowser\/([\d.]+)/, 'Huawei Browser'],
  [/\bMiuiBrowser\/([\d.]+)/, 'MIUI Browser'],
  [/\bFBAV\/([\d.]+)/, 'Facebook'],
  [/\bInstagram ([\d.]+)/, 'Instagram'],
  [/\bFxiOS\/([\d.]+)/, 'Firefox'],
  [/\bCriOS\/([\d.]+)/, 'Chrome'],
  [/\bFirefox\/([\d.]+)/, 'Firefox'],
  [/\bChromium\/([\d.]+)/, 'Chromium'],
  [/\bChrome\/([\d.]+)/, 'Chrome'],
  [/\bVersion\/([\d.]+).*\bSafari\//, 'Safari'],
  [/\bMSIE ([\d.]+)/, 'Internet Explorer'],
  [/\bTrident\/.*\brv:([\d.]+)/, 'Internet Explorer'],
];

const WINDOWS: Record<string, string> = {
  '10.0': '10/11', // the User-Agent header cannot tell Windows 11 from 10
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.1': 'XP',
};

function parseOs(ua: string): NamedVersion {
  let m = /\b(?:iPhone|iPod).*? OS ([\d_]+)/.exec(ua);
  if (m) return nv('iOS', m[1]);
  m = /\biPad.*? OS ([\d_]+)/.exec(ua);
  if (m) return nv('iPadOS', m[1]);
  if (/\bHarmonyOS\b/.test(ua)) return nv('HarmonyOS', /\bHarmonyOS[ /]?([\d.]+)?/.exec(ua)?.[1]);
  m = /\bAndroid[ /]?([\d.]+)?/.exec(ua);
  if (m) return nv('Android', m[1]);
  m = /\bWindows Phone(?: OS)? ([\d.]+)/.exec(ua);
  if (m) return nv('Windows Phone', m[1]);
  m = /\bWindows NT ([\d.]+)/.exec(ua);
  if (m) return { name: 'Windows', version: WINDOWS[m[1]!] ?? m[1]! };
  if (/\bWindows\b/.test(ua)) return { name: 'Windows' };
  if (/\bCrOS\b/.test(ua)) return nv('ChromeOS', /\bCrOS \S+ ([\d.]+)/.exec(ua)?.[1]);
  m = /\bMac OS X ([\d_.]+)/.exec(ua);
  if (m) return nv('macOS', m[1]);
  if (/\bMacintosh\b/.test(ua)) return { name: 'macOS' };
  if (/\bUbuntu\b/.test(ua)) return { name: 'Ubuntu' };
  if (/\bLinux\b/.test(ua)) return { name: 'Linux' };
  return { name: 'unknown' };
}

function parseDevice(ua: string, os: NamedVersion): DeviceType {
  if (/\biPad\b|\bTablet\b/.test(ua)) return 'tablet';
  if (os.name === 'Android' || os.name === 'HarmonyOS') return /\bMobile\b/.test(ua) ? 'mobile' : 'tablet';
  if (/\bMobi|\biPhone\b|\biPod\b|\bWindows Phone\b/.test(ua)) return 'mobile';
  if (/\bWindows\b|\bMacintosh\b|\bX11\b|\bCrOS\b|\bLinux\b/.test(ua)) return 'desktop';
  return 'unknown';
}

/**
 * Parses a `User-Agent` header into browser, operating system and device kind. Knows the
 * browsers common in Türkiye (Chrome, Safari, Samsung Internet, Edge, Firefox, Opera, Yandex
 * Browser, Huawei and MIUI browsers, the Facebook and Instagram in-app browsers) and a few bots;
 * anything else comes back as `unknown`. Windows NT 10.0 is reported as `10/11` because the
 * header does not tell them apart.
 *
 * @example
 * ```ts
 * parseUserAgent(
 *   'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36',
 * );
 * // { browser: { name: 'Chrome', version: '126.0.6478.122' }, os: { name: 'Android', version: '14' }, device: 'mobile' }
 * ```
 */
export function parseUserAgent(userAgent: string): UserAgentInfo {
  const ua = typeof userAgent === 'string' ? userAgent.slice(0, 1024) : '';
  const os = parseOs(ua);
  for (const [re, name] of BOTS) {
    const m = re.exec(ua);
    if (m) return { browser: nv(name, m[1]), os, device: 'bot' };
  }
  for (const [re, name] of BROWSERS) {
    const m = re.exec(ua);
    if (m) return { browser: nv(name, m[1]), os, device: parseDevice(ua, os) };
  }
  return { browser: { name: 'unknown' }, os, device: parseDevice(ua, os) };
}
