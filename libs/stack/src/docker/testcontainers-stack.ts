import { runToCompletion } from '../process/run-to-completion';

export interface DockerServices {
  databaseUrl?: string;
  kafkaBrokers?: string;
  stop(): Promise<void>;
}

/** Whether a Docker engine answers (not merely whether the docker client is installed). */
export async function isDockerEngineAvailable(): Promise<boolean> {
  try {
    const result = await runToCompletion('docker', ['info', '--format', '{{.ServerVersion}}']);
    return result.code === 0 && result.output.trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * Starts PostgreSQL and an Apache Kafka 4.x broker (Confluent Platform 8 images carry Kafka 4.x,
 * in KRaft mode) with testcontainers, for machines that have a Docker engine. Not run in our CI,
 * which has none: there the embedded path is used.
 */
export async function startDockerServices(need: {
  postgres: boolean;
  kafka: boolean;
}): Promise<DockerServices> {
  const stops: Array<() => Promise<unknown>> = [];
  const services: DockerServices = {
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
  try {
    if (need.postgres) {
      const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
      const container = await new PostgreSqlContainer('postgres:18-alpine')
        .withDatabase('policy_ledger')
        .start();
      stops.push(() => container.stop());
      services.databaseUrl = container.getConnectionUri();
    }
    if (need.kafka) {
      const { KafkaContainer } = await import('@testcontainers/kafka');
      const container = await new KafkaContainer('confluentinc/cp-kafka:8.1.0')
        .withKraft()
        .withExposedPorts(9093)
        .start();
      stops.push(() => container.stop());
      services.kafkaBrokers = `${container.getHost()}:${container.getMappedPort(9093)}`;
    }
    return services;
  } catch (error) {
    await services.stop().catch(() => undefined);
    throw error;
  }
}
