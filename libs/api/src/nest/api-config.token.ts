/** Injection token for the api's parsed configuration (ApiConfig). */
export const API_CONFIG = Symbol('API_CONFIG');
