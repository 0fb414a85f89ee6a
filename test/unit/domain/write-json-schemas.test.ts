// Tests that the JSON Schemas committed under schemas/ are exactly what the zod schema generates.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { SCHEMAS_DIR, renderJsonSchemas } from '../../../src/domain/write-json-schemas.ts'

test('committed JSON Schemas equal the generated ones (run src/domain/write-json-schemas.ts to refresh)', () => {
  const rendered = renderJsonSchemas()
  assert.ok('mpesa-transaction.schema.json' in rendered && 'mpesa-account-event.schema.json' in rendered)
  for (const [name, text] of Object.entries(rendered)) {
    assert.equal(readFileSync(SCHEMAS_DIR + name, 'utf8'), text, name)
  }
})

test('the transaction JSON Schema carries the contract constraints', () => {
  const schema = JSON.parse(renderJsonSchemas()['mpesa-transaction.schema.json']!) as {
    required: string[]
    additionalProperties?: unknown
    properties: Record<string, { minimum?: number; maximum?: number; enum?: string[]; pattern?: string }>
  }
  assert.notEqual(schema.additionalProperties, false, 'extra fields are allowed by the contract')
  assert.ok(!schema.required.includes('reverses') && schema.required.includes('amount'))
  assert.equal(schema.properties.amount?.minimum, 1)
  assert.equal(schema.properties.amount?.maximum, 250_000)
  assert.equal(schema.properties.market?.enum?.length, 47)
  assert.ok(new RegExp(schema.properties.timestamp!.pattern!).test('2026-11-29T14:03:07.123+03:00'))
})
