import { spawn } from 'node:child_process';

/** Best effort: open a URL in the user's browser when there is a desktop to open it on. */
export function openBrowser(url: string): boolean {
  const cmd =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? ['xdg-open', url]
          : null;
  if (!cmd || !process.stdout.isTTY) return false;
  try {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
