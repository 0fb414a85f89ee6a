// Tests the JSONL files: records (poison included) and labels read back exactly as generated.

import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { createGenerator } from '../../../src/generator/generator.ts'
import type { GeneratorOptions } from '../../../src/generator/options.ts'
import { labelsPathFor, readLabelsJsonl, readRecordsJsonl, recordLine, writeGeneratorToJsonl } from '../../../src/generator/jsonl-writer.ts'
import { START } from './stream-fixture.ts'

const dir = mkdtempSync(join(tmpdir(), 'pesaflow-jsonl-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const OPTIONS: GeneratorOptions = {
  seed: 5,
  accounts: 3_000,
  poisonRate: 0.02,
  fraudRate: 0.01,
  time: { mode: 'simulated', start: START, days: 1, count: 5_000 }
}

test('records and labels round-trip byte for byte', () => {
  const path = join(dir, 'stream.jsonl')
  assert.equal(labelsPathFor(path), join(dir, 'stream.labels.jsonl'))
  const written = writeGeneratorToJsonl(createGenerator(OPTIONS), path)
  const reference = createGenerator(OPTIONS)
  const expected = [...reference]
  const read = [...readRecordsJsonl(path)]
  assert.equal(read.length, expected.length)
  assert.equal(written.records, expected.length)
  read.forEach((record, i) => {
    const original = expected[i]!
    assert.deepEqual([record.topic, record.key, record.timestamp], [original.topic, original.key, original.timestamp])
    assert.ok(Buffer.from(record.value).equals(original.value), `record ${i} (${original.key})`)
  })
  const labels = [...readLabelsJsonl(labelsPathFor(path))]
  assert.deepEqual(labels, reference.takeLabels())
  assert.equal(written.labels, labels.length)
})

test('valid records are stored as JSON, poison as base64', () => {
  const records = [...createGenerator(OPTIONS)]
  const normal = JSON.parse(recordLine(records[0]!)) as Record<string, unknown>
  assert.equal(typeof normal.value, 'object')
  assert.equal(normal.value_base64, undefined)
  const poison = records.find((r) => r.key.startsWith('poison-') && r.value.length === 0)
  if (poison !== undefined) assert.equal((JSON.parse(recordLine(poison)) as Record<string, unknown>).value_base64, '')
  const path = join(dir, 'stream.jsonl')
  assert.ok(readFileSync(path, 'utf8').includes('"value_base64"'))
})
