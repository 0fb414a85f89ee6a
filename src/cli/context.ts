// What every command gets: the validated config (env + global flags), a logger and the topic registry.
import type { Command } from 'commander'
import { loadConfig, type Config, type ConfigOverrides } from '../config/config.ts'
import { createLogger, type Logger } from '../log/logger.ts'
import { resolveTopics, type TopicId, type TopicSpec } from '../topics/registry.ts'

export interface CommandContext {
  readonly config: Config
  readonly log: Logger
  readonly topics: Readonly<Record<TopicId, TopicSpec>>
}

/** Global flags are read from the root command, so they work before or after the subcommand name. */
export function commandContext (command: Command, extra: ConfigOverrides = {}): CommandContext {
  const config = loadConfig(process.env, { ...commandOverrides(command), ...extra })
  return { config, log: createLogger(config.logLevel), topics: resolveTopics(config.topics) }
}

/** The settings given as global flags (a worker thread loads its config from these and the environment). */
export function commandOverrides (command: Command): ConfigOverrides {
  const globals = command.optsWithGlobals<Record<string, string | undefined>>()
  return {
    brokers: globals.brokers,
    topicPrefix: globals.topicPrefix,
    partitions: globals.partitions,
    replicationFactor: globals.replicationFactor,
    retentionHours: globals.retentionHours,
    logLevel: globals.logLevel,
    dataDir: globals.dataDir
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second SIGINT exits at once, a later SIGTERM is ignored. */
export function untilStopSignal (onStop: (signal: string) => void = () => {}): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: string): void => {
      process.off('SIGINT', handler)
      process.off('SIGTERM', handler)
      process.once('SIGINT', () => { process.exit(130) })
      // Ctrl-C reaches a whole process group: `pesaflow start` then also forwards SIGTERM to its processor, which is
      // already stopping. Only a second Ctrl-C cuts the shutdown short.
      process.on('SIGTERM', () => {})
      onStop(signal)
      resolve(signal)
    }
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  })
}
