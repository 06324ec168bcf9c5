import { createDb, type Database, migrateDb, readDbConfig } from '../../db/client.ts';
import { expireStagedFiles, STAGED_FILE_HOURS } from '../../services/files/case-files.ts';
import { createFileService, type FilesConfig, readFilesConfig } from '../../services/files/file-service.ts';
import { type CliCommand, type CliIo, UsageError } from '../cli-io.ts';

/** Minutes an unnamed blob is kept by default: an upload in flight may be about to name it. */
export const DEFAULT_GC_GRACE_MINUTES = 60;

/** Removes stored bytes no case file names (and no upload touched within the grace); prints how many. */
export async function collectFileGarbage(
  database: Database,
  config: FilesConfig,
  graceMinutes: number,
  io: CliIo,
): Promise<number> {
  const { store } = createFileService(database, config);
  try {
    const expired = await expireStagedFiles(database.db, new Date());
    if (expired > 0) {
      io.out(
        `${expired} unggahan formulir mulai yang tidak dipakai kasus dalam ${STAGED_FILE_HOURS} jam dihapus (abandoned staged uploads removed).`,
      );
    }
    const { removed } = await store.collectGarbage({ graceMinutes });
    io.out(
      `Penyimpanan berkas (${store.kind}): ${removed} isi berkas tanpa rujukan dihapus (unreferenced blobs removed).`,
    );
    return removed;
  } finally {
    await store.close();
  }
}

export const filesGcCommand: CliCommand = {
  name: 'files gc',
  usage: `alur files gc [--grace-minutes ${DEFAULT_GC_GRACE_MINUTES}]`,
  summary: 'Menghapus isi berkas yang tidak dirujuk berkas kasus mana pun (ALUR_FILES=db atau s3)',
  async run(args, io) {
    let grace = DEFAULT_GC_GRACE_MINUTES;
    if (args.length) {
      if (args[0] !== '--grace-minutes' || args.length !== 2) {
        throw new UsageError(`Opsi tidak dikenal: ${args.join(' ')} (unknown option)`);
      }
      grace = Number(args[1]);
      if (!Number.isInteger(grace) || grace < 0) {
        throw new UsageError('--grace-minutes harus bilangan bulat ≥ 0 (a whole number ≥ 0).');
      }
    }
    const config = readFilesConfig();
    const database = await createDb(readDbConfig());
    try {
      await migrateDb(database);
      await collectFileGarbage(database, config, grace, io);
      return 0;
    } finally {
      await database.close();
    }
  },
};
