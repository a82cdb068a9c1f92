import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli.js';
import { formatDuration, Progress } from '../src/progress.js';

describe('command line', () => {
  it('reads the options', () => {
    const { options } = parseCommandLine(
      [
        '--',
        'izinler.csv',
        '--default-type',
        'mesaj',
        '--batch-size',
        '500',
        '--delimiter',
        'tab',
        '--encoding',
        'cp1254',
        '--map',
        'Hat=phone',
      ],
      {},
    );
    expect(options).toMatchObject({
      input: 'izinler.csv',
      brandCode: 600000,
      defaultType: 'MESAJ',
      batchSize: 500,
      delimiter: '\t',
      encoding: 'windows-1254',
    });
    expect(options.iys).toBeUndefined();
    expect([...(options.columnMap ?? [])]).toEqual([['hat', 'phone']]);
  });

  it('takes a real İYS from the environment, and wants its credentials and a brand', () => {
    const env = {
      IYS_BASE_URL: 'https://api.example',
      IYS_USERNAME: 'u',
      IYS_PASSWORD: 'p',
      IYS_CODE: '123',
      IYS_BRAND_CODE: '456',
    };
    expect(parseCommandLine(['a.csv'], env).options).toMatchObject({
      brandCode: 456,
      iys: { baseUrl: 'https://api.example', username: 'u', password: 'p', iysCode: 123 },
    });
    expect(() => parseCommandLine(['a.csv'], { IYS_BASE_URL: 'https://api.example' })).toThrow(
      /IYS_USERNAME/,
    );
    expect(() => parseCommandLine(['a.csv'], { ...env, IYS_BRAND_CODE: undefined })).toThrow(/--brand/);
  });

  it.each([
    [['a.csv', '--batch-size', '1001'], /at most 1000/],
    [['a.csv', '--batch-size', 'x'], /positive integer/],
    [['a.csv', '--default-type', 'FAX'], /MESAJ, ARAMA, EPOSTA/],
    [['a.csv', '--delimiter', '|'], /--delimiter/],
    [['a.csv', '--encoding', 'latin1'], /--encoding/],
    [['a.csv', '--now', 'yesterday'], /ISO 8601/],
    [['a.csv', '--map', 'Hat'], /Header=field/],
    [['a.csv', 'b.csv'], /one file at a time/],
    [[], /missing the CSV file/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseCommandLine(argv, {})).toThrow(message);
  });
});

describe('progress', () => {
  it('prints plain periodic lines with rate and ETA when not a terminal', () => {
    let t = 0;
    const out = {
      text: '',
      isTTY: false,
      write(s: string) {
        this.text += s;
      },
    };
    const p = new Progress(out, { intervalMs: 5000 }, () => t);
    p.start('yükleme / upload', 10_000, 'izin / consents');
    t = 1000;
    p.update(1000); // too soon for a line
    expect(out.text).toBe('');
    t = 5000;
    p.update(2500);
    expect(out.text).toBe('yükleme / upload  25.0%  2.500/10.000 izin / consents  500/sn  kalan/ETA 0:15\n');
    p.done(); // the last line already said 2.500: not repeated
    expect(out.text.split('\n')).toHaveLength(2);
    t = 6000;
    p.update(10_000);
    p.done();
    expect(out.text.split('\n').at(-2)).toBe(
      'yükleme / upload  100.0%  10.000/10.000 izin / consents  1.667/sn  kalan/ETA 0:00',
    );
  });

  it('redraws one bar on a terminal', () => {
    let t = 0;
    const out = {
      text: '',
      isTTY: true,
      columns: 120,
      write(s: string) {
        this.text += s;
      },
    };
    const p = new Progress(out, {}, () => t);
    p.start('okuma / reading', 100, 'satır / rows');
    t = 1000;
    p.update(50);
    expect(out.text).toBe(
      `\r\u001b[Kokuma / reading [${'█'.repeat(15)}${'░'.repeat(15)}] 50.0%  50/100 satır / rows  50/sn  kalan/ETA 0:01`,
    );
    p.done();
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('is silent when quiet', () => {
    const out = {
      text: '',
      write(s: string) {
        this.text += s;
      },
    };
    const p = new Progress(out, { quiet: true }, () => 1e9);
    p.start('x', 1, 'y');
    p.update(1);
    p.done();
    expect(out.text).toBe('');
  });

  it('formats durations', () => {
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('?');
  });
});
