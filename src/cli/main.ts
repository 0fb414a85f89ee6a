// The `pesaflow` command line: one binary, a subcommand per job; exit 0 success, 1 failure, 2 usage error.
import { Command, CommanderError, Option } from 'commander'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../config/paths.ts'
import { describeError, isPesaflowError } from '../errors.ts'
import { dashboardCommand } from './commands/dashboard.ts'
import { dlqCommand } from './commands/dlq.ts'
import { evaluateCommand } from './commands/evaluate.ts'
import { kafkaCommand } from './commands/kafka.ts'
import { lagCommand } from './commands/lag.ts'
import { processCommand } from './commands/process.ts'
import { produceCommand } from './commands/produce.ts'
import { rulesCommand } from './commands/rules.ts'
import { startCommand } from './commands/start.ts'
import { topicsCommand } from './commands/topics.ts'

const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version

export function buildProgram (): Command {
  const program = new Command('pesaflow')
    .description('Real-time M-Pesa transaction streaming on Apache Kafka')
    .version(version, '-V, --version')
    .addOption(new Option('--brokers <list>', 'bootstrap brokers host:port,... (skips the local broker)').env('KAFKA_BROKERS'))
    .addOption(new Option('--topic-prefix <prefix>', 'prefix for every topic name').env('TOPIC_PREFIX'))
    .addOption(new Option('--partitions <n>', 'partitions of the transaction topic').env('TOPIC_PARTITIONS'))
    .addOption(new Option('--replication-factor <n>', 'replication factor of created topics').env('TOPIC_REPLICATION_FACTOR'))
    .addOption(new Option('--retention-hours <h>', 'retention of the data topics (by event time)').env('TOPIC_RETENTION_HOURS'))
    .addOption(new Option('--data-dir <dir>', 'folder of the local broker\'s data').env('PESAFLOW_DATA_DIR'))
    .addOption(new Option('--log-level <level>', 'trace|debug|info|warn|error|fatal|silent').env('LOG_LEVEL'))
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
  for (const sub of [kafkaCommand(), topicsCommand(), produceCommand(), processCommand(), dlqCommand(), lagCommand(), rulesCommand(), evaluateCommand(), dashboardCommand(), startCommand()]) program.addCommand(sub)
  applyRecursively(program, (command) => { command.exitOverride() })
  return program
}

function applyRecursively (command: Command, apply: (c: Command) => void): void {
  apply(command)
  for (const sub of command.commands) applyRecursively(sub, apply)
}

export async function runCli (argv: readonly string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    return exitCodeFor(error)
  }
}

function exitCodeFor (error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are successes; everything else commander rejects is a usage error.
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2
  }
  if (isPesaflowError(error)) {
    console.error(`pesaflow: ${error.message} [${error.code}]`)
    return error.exitCode
  }
  console.error(`pesaflow: ${describeError(error)}`)
  return 1
}

/** Pipes are asynchronous: exiting at once would cut off output still queued (e.g. `dlq inspect | wc -l`). */
async function flushed (stream: NodeJS.WriteStream): Promise<void> {
  await new Promise<void>((resolve) => { stream.write('', () => { resolve() }) })
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2))
  await flushed(process.stdout)
  await flushed(process.stderr)
  process.exit(code)
}
