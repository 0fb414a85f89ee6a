// `pesaflow produce --out`: records and labels to JSONL files, no broker; the poison records are exactly the labelled ones.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { parseTransaction } from '../../../src/domain/parse.ts'
import { readLabelsJsonl, readRecordsJsonl } from '../../../src/generator/jsonl-writer.ts'

test('5,000 records to a file with 2% poison: every poison record is labelled, every other record valid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pesaflow-produce-'))
  try {
    const out = join(dir, 'traffic.jsonl')
    const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), 'produce', '--rate', '0', '--count', '5000',
      '--start', '2026-11-01T00:00:00+03:00', '--days', '1', '--poison-rate', '0.02', '--out', out], { encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: '' } })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /sent 5,000, acknowledged 5,000, failed 0/)
    const records = [...readRecordsJsonl(out)]
    assert.equal(records.length, 5000)
    const labels = [...readLabelsJsonl(join(dir, 'traffic.labels.jsonl'))]
    const poisonIds = new Set(labels.filter((l) => l.kind === 'poison').map((l) => l.kind === 'poison' ? l.poison_id : ''))
    const failing = records.filter((r) => r.topic === 'transactions' && !parseTransaction(r.value).ok)
    assert.ok(failing.length > 50, `poison present (${failing.length})`)
    assert.deepEqual(new Set(failing.map((r) => r.key)), poisonIds)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
