import { Kafka, type KafkaConfig, logLevel, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';
import { registerCompressionCodecs } from './compression-codecs';
import { fixKafkajsRequestQueueTimer } from './fix-kafkajs-request-queue-timer';

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** A kafkajs client with our codecs registered and its log lines routed into the structured log. */
export function createKafka(connection: KafkaConnection, logger?: Logger): Kafka {
  registerCompressionCodecs();
  fixKafkajsRequestQueueTimer();
  const config: KafkaConfig = {
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    sasl: connection.sasl as SASLOptions | undefined,
    logLevel: logger ? logLevel.WARN : logLevel.NOTHING,
    logCreator: () => (entry) => {
      if (!logger) return;
      const { message, ...extra } = entry.log;
      logger[levels[entry.level] ?? 'info']({ kafkajs: entry.namespace, ...extra }, message);
    },
  };
  return new Kafka(config);
}
