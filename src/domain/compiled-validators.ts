// The hot path's validators: ajv code compiled from the JSON Schema of the same zod schemas, plus the rules JSON
// Schema cannot express. They answer valid or not without copying the record; zod stays the source of truth and
// explains every rejection (parse.ts asks it only then), so a verdict never depends on which path ran.
import { Ajv2020 } from 'ajv/dist/2020.js'
import { z } from 'zod'
import { AccountEventSchema, TransactionSchema, crossFieldIssues, isRealEatInstant } from './schema.ts'
import type { AccountEvent, Transaction } from './schema.ts'

const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false })
const compile = (schema: z.ZodType): ((value: unknown) => boolean) =>
  ajv.compile(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }))

const transactionShape = compile(TransactionSchema)
const accountEventShape = compile(AccountEventSchema)

export function isValidTransaction(value: unknown): value is Transaction {
  if (!transactionShape(value)) return false
  const tx = value as Transaction
  return isRealEatInstant(tx.timestamp) && crossFieldIssues(tx).length === 0
}

export function isValidAccountEvent(value: unknown): value is AccountEvent {
  return accountEventShape(value) && isRealEatInstant((value as AccountEvent).timestamp)
}
