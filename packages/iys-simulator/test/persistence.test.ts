import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BRAND, onay, phone, setup, T0 } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'izinkit-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data file', () => {
  it('keeps consents, changes, retailers, agreements, batch requests and tokens across a restart', async () => {
    const dataFile = join(dir, 'sim.json');
    let s = await setup({ dataFile, batch: { manual: true } });
    await s.client.consents.add(BRAND, onay(s.sim, phone(1)));
    const { retailerCode } = await s.client.retailers.add(BRAND, { title: 'Bayi', name: 'Ali Veli' });
    await s.sim.citizenChange({
      brandCode: BRAND,
      recipient: phone(1),
      recipientType: 'BIREYSEL',
      type: 'MESAJ',
      status: 'RET',
      source: 'IYS_WEB',
    });
    const pending = await s.client.consents.submitBatch(BRAND, [onay(s.sim, phone(2))]);
    const before = s.sim.snapshot();
    const token = await s.token();
    await s.close();
    expect(existsSync(dataFile)).toBe(true);

    s = await setup({ dataFile });
    try {
      expect(s.sim.snapshot().brands).toEqual(before.brands);
      // The queued batch request is processed after the restart, under its old id.
      await new Promise((r) => setTimeout(r, 20));
      const items = await s.client.consents.batchStatus(BRAND, pending.requestId);
      expect(items[0]!.status).toBe('success');
      expect(await s.client.retailers.get(BRAND, retailerCode)).not.toBeNull();
      const raw = await fetch(`${s.sim.url}/sps/600000/brands`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(raw.status).toBe(200); // the old token still works
      s.sim.setNow(new Date(T0.getTime() + 2 * 3600_000));
      const changes = [];
      for await (const c of s.client.consents.changes(BRAND, { source: 'IYS' })) changes.push(c);
      expect(changes.map((c) => c.source)).toEqual(['IYS_WEB']);
    } finally {
      await s.close();
    }
  });

  it('refuses a file that is not a simulator data file', async () => {
    const bad = join(dir, 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, '{"hello":1}'));
    await expect(setup({ dataFile: bad })).rejects.toMatchObject({ code: 'simulator_data_file' });
  });

  it('runs as a program: izinkit-iys-simulator --port 0 --data FILE', async () => {
    const dataFile = join(dir, 'bin.json');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@izinkit/source',
        join(import.meta.dirname, '..', 'src', 'bin.ts'),
        '--port',
        '0',
        '--data',
        dataFile,
      ],
      { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const token = (await (
      await fetch(`${url}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'izinkit', password: 'izinkit', grant_type: 'password' }),
      })
    ).json()) as { access_token: string };
    const brands = await fetch(`${url}/sps/600000/brands`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(((await brands.json()) as unknown[]).length).toBe(2);
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).format).toBe('izinkit-iys-simulator');
  });
});
