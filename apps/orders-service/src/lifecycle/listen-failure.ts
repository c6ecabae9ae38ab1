const REASONS: Record<string, string> = {
  EADDRINUSE: 'is already in use',
  EACCES: 'may not be bound by this user',
  EADDRNOTAVAIL: 'is not an address of this machine',
};

/**
 * Why binding the port failed, in one line naming the address and port (PORT, HOST), or null when the
 * error is not a listen failure we know.
 */
export function listenFailure(error: unknown, host: string, port: number): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in REASONS)) return null;
  return `port ${port} on ${host} ${REASONS[code]} (${code}); set PORT or HOST`;
}
