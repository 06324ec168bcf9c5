/** Types of server.mjs (plain JavaScript: the designer benchmark imports it too). */
export function startTestServer(options?: {
  log?: (line: string) => void;
  /** Demo mode (the default): demo agency, users and history, and the login page's account hint. */
  demo?: boolean;
}): Promise<{ baseUrl: string; stop(): Promise<void> }>;
