// Where the project lives on disk: its root and the Kafka runtime folder (pom, jars, log config).
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const kafkaRuntimeDir = join(projectRoot, 'kafka')
export const kafkaJarsDir = join(kafkaRuntimeDir, 'lib')
