import { describe, expect, it } from 'vitest';
import { ingestorConfigSchema } from './app-config';
import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/policy_ledger',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('loadConfig', () => {
  it('applies defaults and parses lists', () => {
    const config = loadConfig(ingestorConfigSchema, {
      ...valid,
      KAFKA_BROKERS: 'a:1, b:2',
      TOPIC_CLUSTERS: 'audit.prod=prod',
    });
    expect(config.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(config.AUDIT_TOPICS).toEqual(['k8s.audit']);
    expect(config.TOPIC_CLUSTERS).toEqual({ 'audit.prod': 'prod' });
    expect(config.DEFAULT_CLUSTER).toBe('default');
    expect(config.PORT).toBe(9464);
  });

  it('lists every problem at once, naming each variable', () => {
    let thrown: unknown;
    try {
      loadConfig(ingestorConfigSchema, {
        KAFKA_BROKERS: 'no-port',
        PORT: 'eighty',
        DEFAULT_CLUSTER: 'Prod_1',
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const problems = (thrown as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL: required',
        expect.stringMatching(/^KAFKA_BROKERS: must be host:port/),
        expect.stringMatching(/^PORT: /),
        expect.stringMatching(/^DEFAULT_CLUSTER: must be a DNS label/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(ingestorConfigSchema, { ...valid, LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
  });

  it('never echoes a secret value in its messages', () => {
    try {
      loadConfig(ingestorConfigSchema, { ...valid, DATABASE_URL: 'mysql://root:hunter2@db/x' });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('DATABASE_URL: must be a postgres');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
