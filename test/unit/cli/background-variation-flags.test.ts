// --amount-scale and --active-hours-shift: produce passes them to the generator (the file holds exactly the stream
// createGenerator gives with those options), bad values exit 2 naming the flag, and evaluate takes them only with --seed.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { projectRoot } from '../../../src/config/paths.ts'
import { createGenerator } from '../../../src/generator/generator.ts'
import { readRecordsJsonl } from '../../../src/generator/jsonl-writer.ts'

function pesaflow (args: string[]): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [join(projectRoot, 'src/cli/main.ts'), ...args], { encoding: 'utf8', env: { ...process.env, KAFKA_BROKERS: '' } })
  return { status: result.status, out: result.stdout + result.stderr }
}

test('produce --amount-scale 2 --active-hours-shift -6 writes the stream the generator gives with those options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pesaflow-variation-'))
  try {
    const out = join(dir, 'traffic.jsonl')
    const start = '2026-11-01T00:00:00+03:00'
    const result = pesaflow(['produce', '--rate', '0', '--count', '2000', '--start', start, '--days', '1', '--seed', '9',
      '--accounts', '5000', '--amount-scale', '2', '--active-hours-shift', '-6', '--out', out])
    assert.equal(result.status, 0, result.out)
    const expected = [...createGenerator({
      seed: 9, accounts: 5000, fraudRate: 0.001, poisonRate: 0, amountScale: 2, activeHoursShift: -6,
      time: { mode: 'simulated', start: new Date(start), days: 1, count: 2000 }
    })]
    // --count counts records sent, the generator's count background transactions: the file is the stream's first 2,000.
    const written = [...readRecordsJsonl(out)]
    assert.equal(written.length, 2000)
    written.forEach((record, i) => { assert.ok(record.value.equals(expected[i]!.value), `record ${i}`) })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('bad variation values exit 2 and name the flag; evaluate accepts them only for a generated stream', () => {
  const scale = pesaflow(['produce', '--out', '/dev/null', '--count', '1', '--amount-scale', '0'])
  assert.equal(scale.status, 2)
  assert.match(scale.out, /--amount-scale: expected a multiplier from 0\.1 to 10/)
  const shift = pesaflow(['evaluate', '--seed', '1', '--active-hours-shift', '1.5'])
  assert.equal(shift.status, 2)
  assert.match(shift.out, /--active-hours-shift: expected whole hours from -23 to 23/)
  const fromFile = pesaflow(['evaluate', '--input', 'traffic.jsonl', '--amount-scale', '2'])
  assert.equal(fromFile.status, 2)
  assert.match(fromFile.out, /--amount-scale: varies a generated background, so it needs --seed N/)
})
