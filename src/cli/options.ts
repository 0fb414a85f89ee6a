// Validates a command's own flags with a zod schema; a bad flag is a usage error (exit 2) naming the flag.
import type { z } from 'zod'
import { PesaflowError } from '../errors.ts'

const flagName = (key: PropertyKey): string => '--' + String(key).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())

export function parseFlags<S extends z.ZodType> (schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const flag = issue.path.length > 0 ? flagName(issue.path[0] as PropertyKey) : 'options'
    return `${flag}: ${issue.message}`
  })
  throw new PesaflowError('USAGE', `Invalid option ${problems.join('; ')}`)
}
