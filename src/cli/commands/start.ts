// `pesaflow start` (npm start): the local broker unless KAFKA_BROKERS is set, the topics, then the pipeline.
import { Command } from 'commander'
export function startCommand (): Command {
  return new Command('start').description('placeholder')
}
