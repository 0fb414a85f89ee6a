// `pesaflow topics create | list`: the registry's topics on the cluster.
import { Command } from 'commander'
import { createKafkaAdmin } from '../../kafka/admin.ts'
import { requireCluster } from '../cluster.ts'
import { commandContext, type CommandContext } from '../context.ts'

export async function createAllTopics (ctx: CommandContext): Promise<{ name: string; outcome: string }[]> {
  const admin = createKafkaAdmin(ctx.config.kafka)
  try {
    return await admin.ensureTopics(Object.values(ctx.topics))
  } finally {
    await admin.close()
  }
}

export function topicsCommand (): Command {
  const topics = new Command('topics').description('create and list the pipeline\'s topics (declared in src/topics/registry.ts)')
  topics.command('create')
    .description('create every topic of the registry that does not exist yet (idempotent)')
    .action(async (_opts, command: Command) => {
      const ctx = commandContext(command)
      await requireCluster(ctx)
      for (const result of await createAllTopics(ctx)) console.log(`${result.outcome.padEnd(7)} ${result.name}`)
    })
  topics.command('list')
    .description('show the registry\'s topics with partitions, replication and configs')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const ctx = commandContext(command)
      await requireCluster(ctx)
      const admin = createKafkaAdmin(ctx.config.kafka)
      try {
        const existing = new Set(await admin.listTopicNames())
        const names = Object.values(ctx.topics).map((t) => t.name)
        const described = await admin.describeTopics(names.filter((n) => existing.has(n)))
        if (opts.json === true) {
          console.log(JSON.stringify(described, null, 2))
          return
        }
        printTable(names, described)
      } finally {
        await admin.close()
      }
    })
  return topics
}

function printTable (names: string[], described: { name: string; partitions: number; replicationFactor: number; config: Readonly<Record<string, string>> }[]): void {
  const width = Math.max(...names.map((n) => n.length))
  console.log(`${'TOPIC'.padEnd(width)}  PARTITIONS  RF  CONFIG`)
  for (const name of names) {
    const topic = described.find((d) => d.name === name)
    if (topic === undefined) {
      console.log(`${name.padEnd(width)}  (missing: run \`pesaflow topics create\`)`)
      continue
    }
    const config = Object.entries(topic.config).map(([k, v]) => `${k}=${v}`).join(' ')
    console.log(`${name.padEnd(width)}  ${String(topic.partitions).padStart(10)}  ${String(topic.replicationFactor).padStart(2)}  ${config}`)
  }
}
