import { type CliCommand, type CliIo, UsageError } from './cli-io.ts';
import { agencyAddCommand, migrateCommand, seedCommand, userAddCommand } from './commands/database.ts';
import { exportCommand } from './commands/export.ts';
import { filesGcCommand } from './commands/files.ts';
import { importCommand } from './commands/import.ts';
import { caseExportCommand, retentionCommand } from './commands/retention.ts';
import { summaryCommand } from './commands/summary.ts';
import { validateCommand } from './commands/validate.ts';

/**
 * The commands of `alur`. Add one by appending to this table (e.g. `migrate`, `seed`, `user add`,
 * `export`): a multi-word name such as "user add" matches the first words of the arguments.
 */
export const COMMANDS: CliCommand[] = [
  validateCommand,
  importCommand,
  summaryCommand,
  exportCommand,
  migrateCommand,
  seedCommand,
  agencyAddCommand,
  userAddCommand,
  filesGcCommand,
  retentionCommand,
  caseExportCommand,
];

/** The help text listing every command. */
export function formatHelp(commands = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    'alur — perancang dan mesin SOP (PermenPAN-RB 35/2012)',
    '',
    'Penggunaan:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    `  ${'alur --help'.padEnd(width)}  Bantuan ini`,
    '',
    'Kode keluar: 0 berhasil, 1 masukan bermasalah, 2 salah penggunaan / berkas tidak ada.',
  ].join('\n');
}

/** Finds the command whose (possibly multi-word) name starts the arguments. */
function findCommand(args: string[], commands: CliCommand[]): { command: CliCommand; rest: string[] } | null {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => args[i] === w)) return { command, rest: args.slice(words.length) };
  }
  return null;
}

const defaultIo = (): CliIo => ({
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  cwd: process.env.INIT_CWD ?? process.cwd(),
});

/** Runs `alur <args>` and returns the exit code; never throws. */
export async function runCli(args: string[], io: CliIo = defaultIo(), commands = COMMANDS): Promise<number> {
  if (args.length === 0) {
    io.err(formatHelp(commands));
    return 2;
  }
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(formatHelp(commands));
    return 0;
  }
  const found = findCommand(args, commands);
  if (!found) {
    io.err(`Perintah tidak dikenal: ${args[0]} (unknown command). Lihat: alur --help`);
    return 2;
  }
  if (found.rest.includes('--help')) {
    io.out(`${found.command.usage}\n  ${found.command.summary}`);
    return 0;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nPenggunaan: ${found.command.usage}`);
      return 2;
    }
    io.err(`Kesalahan tak terduga: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
