// Writes the published JSON Schemas (schemas/*.schema.json) from the zod wire schema; run: node src/domain/write-json-schemas.ts

import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { FraudLabelSchema, PoisonLabelSchema } from './labels.ts'
import { AccountEventSchema, TransactionSchema } from './schema.ts'

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url))

/** File name → file text, exactly as committed (2-space JSON plus a trailing newline). */
export function renderJsonSchemas(): Record<string, string> {
  const render = (schema: z.ZodType): string =>
    JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }), null, 2) + '\n'
  return {
    'mpesa-transaction.schema.json': render(TransactionSchema),
    'mpesa-account-event.schema.json': render(AccountEventSchema),
    'mpesa-fraud-label.schema.json': render(FraudLabelSchema),
    'mpesa-poison-label.schema.json': render(PoisonLabelSchema)
  }
}

export function writeJsonSchemas(dir: string = SCHEMAS_DIR): string[] {
  const written: string[] = []
  for (const [name, text] of Object.entries(renderJsonSchemas())) {
    writeFileSync(dir + name, text)
    written.push(dir + name)
  }
  return written
}

if (import.meta.main) {
  for (const path of writeJsonSchemas()) console.log(`wrote ${path}`)
}
