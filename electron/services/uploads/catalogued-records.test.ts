/**
 * The MD5s of files uploaded from here reach the catalogue's duplicate finder: those recorded
 * before (handed over at start) and each new one, while the JSON records keep answering md5Of.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { file, openTemp, snapshotOf, type TempCatalogue } from '../catalogue/test-fixtures';
import { cataloguedRecords } from './catalogued-records';
import { JsonContentRecords } from './content-records';

let t: TempCatalogue;
let dir: string;
beforeEach(async () => {
  t = await openTemp();
  dir = mkdtempSync(join(tmpdir(), 'stowage-records-'));
});
afterEach(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

describe('cataloguedRecords', () => {
  it('hands earlier records to the catalogue at start and each new one as it is made', async () => {
    const json = new JsonContentRecords(dir);
    await json.load();
    await json.record('ws', 'file-0001', MD5);
    const records = cataloguedRecords(json, t.catalogue);
    await records.record('ws', 'file-0002', MD5.toUpperCase());
    expect(records.md5Of('ws', 'file-0002')).toBe(MD5);

    const snap = await snapshotOf(t.catalogue, 'ws', [file(1, { name: 'a.txt' }), file(2, { name: 'copy of a.txt' }), file(3)]);
    const groups = t.catalogue.duplicateGroups(snap.id).groups;
    expect(groups.map((g) => [g.basis, g.md5, g.files.map((f) => f.id)])).toEqual([['content hash', MD5, ['file-0001', 'file-0002']]]);
  });

  it('still records in the JSON file when the catalogue is closed', async () => {
    const json = new JsonContentRecords(dir);
    await json.load();
    const records = cataloguedRecords(json, t.catalogue);
    t.catalogue.close();
    await records.record('ws', 'file-0009', MD5);
    expect(records.md5Of('ws', 'file-0009')).toBe(MD5);
  });
});
