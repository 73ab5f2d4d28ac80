export {
  type ApiConfig,
  apiConfigSchema,
  type IngestorConfig,
  ingestorConfigSchema,
} from './app-config';
export { ConfigError } from './config-error';
export { loadConfig } from './load-config';
