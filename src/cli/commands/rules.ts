// `pesaflow rules validate | publish | show`: fraud rules as data, published to mpesa-fraud-rules for every processor.
import { Command } from 'commander'
import { readFileSync } from 'node:fs'
import { ACTIVE_RULES_KEY, readPublishedRules } from '../../app/rule-feed.ts'
import { defaultRuleSet, parseRuleSet, serializeRuleSet, type RuleSet } from '../../detection/rule-set.ts'
import { PesaflowError } from '../../errors.ts'
import { createRecordProducer } from '../../kafka/producer.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext } from '../context.ts'
import { createAllTopics } from './topics.ts'

function readRuleFile (file: string): RuleSet {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new PesaflowError('FILE_IO', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = parseRuleSet(text)
  if (!parsed.ok) throw new PesaflowError('RULES_INVALID', `${file} refused: ${parsed.error}`)
  return parsed.ruleSet
}

function summary (ruleSet: RuleSet): string {
  const rules = Object.entries(ruleSet.rules) as [string, { enabled: boolean; shadow?: boolean }][]
  const on = rules.filter(([, r]) => r.enabled).map(([id, r]) => (r.shadow === true ? `${id} (shadow)` : id))
  return `version ${ruleSet.version}: ${on.length} of ${rules.length} rules on: ${on.join(', ')}`
}

export function rulesCommand (): Command {
  const rules = new Command('rules').description('fraud rules as data: validate a rules file, publish it to every running processor, show the one in force')
  rules.command('validate <file>')
    .description('check a rules file (YAML or JSON) without publishing it')
    .action((file: string) => { console.log(`${file} is valid: ${summary(readRuleFile(file))}`) })
  rules.command('publish <file>')
    .description('send a new rules version; running processors apply it without a restart')
    .action(async (file: string, _opts: unknown, command: Command) => {
      const ruleSet = readRuleFile(file)
      const ctx = commandContext(command)
      await requireCluster(ctx)
      await createAllTopics(ctx)
      const topic = ctx.topics.fraudRules.name
      const current = (await readPublishedRules(ctx.config.kafka, topic)).ruleSet
      if (current !== undefined && ruleSet.version <= current.version) {
        throw new PesaflowError('RULES_INVALID', `${file} refused: version ${ruleSet.version} is not newer than the published version ${current.version}`)
      }
      const producer = createRecordProducer(ctx.config.kafka, { clientRole: 'rules-publisher' })
      try {
        await producer.send([{ topic, key: ACTIVE_RULES_KEY, value: Buffer.from(serializeRuleSet(ruleSet)) }])
      } finally {
        await producer.close()
      }
      console.log(`published ${summary(ruleSet)}`)
    })
  rules.command('show')
    .description('print the rules in force (the published version, or the built-in defaults)')
    .option('--json', 'the full rule set as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const ctx = commandContext(command)
      await requireCluster(ctx)
      await createAllTopics(ctx)
      const published = (await readPublishedRules(ctx.config.kafka, ctx.topics.fraudRules.name)).ruleSet
      const ruleSet = published ?? defaultRuleSet()
      console.log(opts.json === true ? serializeRuleSet(ruleSet) : `${published === undefined ? 'built-in defaults' : 'published'} ${summary(ruleSet)}`)
    })
  return rules
}
