import { existsSync } from 'node:fs';

/** True when a Docker engine answers (testcontainers can run); never on the dev machines here. */
export async function dockerEngineAnswers(): Promise<boolean> {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return false;
  const hasSocket = existsSync('/var/run/docker.sock') || Boolean(process.env.DOCKER_HOST);
  if (!hasSocket) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
