import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('quickstart', () => {
  it('runs to the end, exit 0, saying each step in Turkish and English', () => {
    const r = spawnSync(
      process.execPath,
      ['--conditions=@izinkit/source', '--import', 'tsx', 'src/index.ts'],
      {
        cwd: join(import.meta.dirname, '..'),
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('→ +905321234567 (mobile)');
    expect(r.stdout).toContain('18 Mart 2026 Çarşamba 23:59');
    expect(r.stdout).toContain('May we send an SMS now? No');
    expect(r.stdout).toContain('Kanıt paketi bağımsız doğrulandı: geçerli');
    expect(r.stdout).toContain('Evidence bundle verified independently: valid');
  });
});
