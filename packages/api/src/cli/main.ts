import { type CliCommand, type CliIo, UsageError } from './cli-io.ts';

/**
 * A command of `alur`: its name, and its module, loaded only when the command runs (or the help
 * lists it). `alur validate` so loads neither the database drivers, archiver nor the document
 * libraries that other commands need (BENCHMARKS.md, "Startup").
 */
export interface CommandEntry {
  name: string;
  load: () => Promise<CliCommand>;
}

/**
 * The commands of `alur`. Add one by appending to this table (e.g. `migrate`, `seed`, `user add`,
 * `export`): a multi-word name such as "user add" matches the first words of the arguments. The
 * name must be the command's own `name` (cli.test.ts checks).
 */
export const COMMANDS: CommandEntry[] = [
  { name: 'validate', load: async () => (await import('./commands/validate.ts')).validateCommand },
  { name: 'import', load: async () => (await import('./commands/import.ts')).importCommand },
  { name: 'summary', load: async () => (await import('./commands/summary.ts')).summaryCommand },
  { name: 'export', load: async () => (await import('./commands/export.ts')).exportCommand },
  { name: 'migrate', load: async () => (await import('./commands/database.ts')).migrateCommand },
  { name: 'seed', load: async () => (await import('./commands/database.ts')).seedCommand },
  { name: 'agency add', load: async () => (await import('./commands/database.ts')).agencyAddCommand },
  { name: 'user add', load: async () => (await import('./commands/database.ts')).userAddCommand },
  { name: 'files gc', load: async () => (await import('./commands/files.ts')).filesGcCommand },
  { name: 'retention', load: async () => (await import('./commands/retention.ts')).retentionCommand },
  { name: 'case export', load: async () => (await import('./commands/retention.ts')).caseExportCommand },
];

/** The help text listing every command (loads them all). */
export async function formatHelp(entries: CommandEntry[] = COMMANDS): Promise<string> {
  const commands = await Promise.all(entries.map((e) => e.load()));
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
function findCommand(
  args: string[],
  entries: CommandEntry[],
): { entry: CommandEntry; rest: string[] } | null {
  const sorted = [...entries].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const entry of sorted) {
    const words = entry.name.split(' ');
    if (words.every((w, i) => args[i] === w)) return { entry, rest: args.slice(words.length) };
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
    io.err(await formatHelp(commands));
    return 2;
  }
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.out(await formatHelp(commands));
    return 0;
  }
  const found = findCommand(args, commands);
  if (!found) {
    io.err(`Perintah tidak dikenal: ${args[0]} (unknown command). Lihat: alur --help`);
    return 2;
  }
  const command = await found.entry.load();
  if (found.rest.includes('--help')) {
    io.out(`${command.usage}\n  ${command.summary}`);
    return 0;
  }
  try {
    return await command.run(found.rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\nPenggunaan: ${command.usage}`);
      return 2;
    }
    io.err(`Kesalahan tak terduga: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
