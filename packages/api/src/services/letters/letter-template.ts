import { createRequire } from 'node:module';
import {
  ArchiveBudgetError,
  assertArchiveWithinBudget,
  DEFAULT_ARCHIVE_BUDGET,
  NotAnArchiveError,
  XmlLimitError,
} from '@alur/documents/archive';
import type { DataField } from '@alur/schema';
import type Docxtemplater from 'docxtemplater';
import type InspectModule from 'docxtemplater/inspect-module';
import type PizZip from 'pizzip';
import { AppError } from '../../errors.ts';

/*
 * Word templates for letters, filled with docxtemplater's core: tags are plain names looked up in
 * the data (no expressions, so a template cannot run code); `{@raw}` XML tags are refused.
 */

// CommonJS packages, loaded on first use so the server's start-up does not pay for them.
const require = createRequire(import.meta.url);
type Libs = {
  Docxtemplater: typeof Docxtemplater;
  PizZip: typeof PizZip;
  inspect: () => InspectModule;
};
let libs: Libs | null = null;
function loadLibs(): Libs {
  libs ??= {
    Docxtemplater: require('docxtemplater'),
    PizZip: require('pizzip'),
    inspect: require('docxtemplater/js/inspect-module.js'),
  };
  return libs;
}

/** The built-in tags every letter template may use besides the SOP's data fields. */
export const BUILT_IN_TAGS = [
  'nomor_surat',
  'tanggal',
  'kasus.nomor',
  'instansi.nama',
  'instansi.alamat',
  'penandatangan.nama',
  'penandatangan.jabatan',
  'penandatangan.nip',
] as const;

/** Inside a loop over a multiple file field: each file's name and its position (1, 2 …). */
export const LOOP_ITEM_TAGS = ['nama', 'nomor'] as const;

/** A tag as the template uses it: a value printed, or a section (`{#x}…{/x}`) over a value. */
export interface TemplateTag {
  name: string;
  kind: 'value' | 'section';
  /** Tags used inside the section. */
  inner?: TemplateTag[];
}

/** What the check of an uploaded template found. */
export interface TemplateCheck {
  /** Every distinct top-level tag name, in order of appearance. */
  tags: string[];
  /** The tree, for the empty-field check at generation. */
  structure: TemplateTag[];
}

const WORD = 'word/document.xml';

function templateError(code: string, id: string, en: string, details?: Record<string, unknown>): AppError {
  return new AppError('BAD_REQUEST', code, { id, en }, details);
}

/**
 * Refuses anything that is not a Word document by its bytes: a ZIP archive within the archive
 * budget (every XML part through the XML guard) holding `word/document.xml`.
 */
export async function assertWordDocument(bytes: Uint8Array): Promise<void> {
  try {
    const { entries } = await assertArchiveWithinBudget(bytes, { budget: DEFAULT_ARCHIVE_BUDGET });
    if (!entries.some((e) => e.name === WORD)) throw new NotAnArchiveError('no word/document.xml');
  } catch (error) {
    if (error instanceof ArchiveBudgetError || error instanceof XmlLimitError) {
      throw templateError('TEMPLATE_REFUSED', error.messages.id, error.messages.en);
    }
    if (error instanceof NotAnArchiveError) {
      throw templateError(
        'TEMPLATE_NOT_DOCX',
        'Berkas bukan dokumen Word (.docx): unggah templat surat dalam format .docx.',
        'The file is not a Word document (.docx): upload the letter template as .docx.',
      );
    }
    throw error;
  }
}

type Part = {
  type: string;
  value?: string;
  module?: string;
  inverted?: boolean;
  subparsed?: Part[];
};

function toTags(parts: Part[]): TemplateTag[] {
  const out: TemplateTag[] = [];
  for (const part of parts) {
    if (part.type !== 'placeholder' || part.value === undefined) continue;
    if (part.module === 'loop') {
      out.push({ name: part.value, kind: 'section', inner: toTags(part.subparsed ?? []) });
    } else if (part.module) {
      // `{@x}` inserts raw XML: a template must never carry markup from case data.
      throw templateError(
        'TEMPLATE_TAG_NOT_ALLOWED',
        `Tag {${part.module === 'rawxml' ? '@' : ''}${part.value}} tidak diizinkan: gunakan tag biasa {nama_data}.`,
        `Tag {${part.module === 'rawxml' ? '@' : ''}${part.value}} is not allowed: use plain tags {field_key}.`,
      );
    } else out.push({ name: part.value, kind: 'value' });
  }
  return out;
}

/**
 * A value of the letter's data with two faces: the text a `{tag}` prints and what a section
 * `{#tag}…{/tag}` iterates or tests (a yes/no field prints "Ya" but opens a section only when yes).
 */
export class LetterValue {
  constructor(
    readonly text: string,
    readonly section: unknown,
  ) {}
}

/** Plain own-property lookups, nothing evaluated: `{kasus.nomor}` is the key "kasus.nomor". */
function lookupParser(tag: string, options?: { tag?: { module?: string } }) {
  const section = options?.tag?.module === 'loop';
  return {
    get(scope: unknown) {
      if (tag === '.') return scope;
      if (scope === null || typeof scope !== 'object' || !Object.hasOwn(scope, tag)) return undefined;
      const value = (scope as Record<string, unknown>)[tag];
      if (value instanceof LetterValue) return section ? value.section : value.text;
      return typeof value === 'function' ? undefined : value;
    },
  };
}

function compile(bytes: Uint8Array, modules: unknown[] = []): Docxtemplater {
  const { Docxtemplater: Dxt, PizZip: Zip } = loadLibs();
  try {
    return new Dxt(new Zip(bytes), {
      paragraphLoop: true,
      linebreaks: true,
      modules: modules as never[],
      // Missing values print nothing; generation refuses empty fields before rendering.
      nullGetter: () => '',
      errorLogging: false,
      parser: lookupParser,
    });
  } catch (error) {
    throw syntaxError(error);
  }
}

/** docxtemplater's MultiError (unclosed tags, stray braces …) as a 400 naming each problem. */
function syntaxError(error: unknown): AppError {
  const list = (
    error as { properties?: { errors?: { properties?: { explanation?: string; xtag?: string } }[] } }
  ).properties?.errors;
  if (!list) {
    return templateError(
      'TEMPLATE_BROKEN',
      'Templat surat tidak dapat dibaca sebagai dokumen Word.',
      'The letter template cannot be read as a Word document.',
    );
  }
  const problems = list.map((e) => e.properties?.explanation ?? e.properties?.xtag ?? '?').slice(0, 20);
  const near = list
    .map((e) => e.properties as { context?: string; xtag?: string } | undefined)
    .map((p) => `"${p?.context ?? p?.xtag ?? '?'}"`)
    .slice(0, 20);
  return templateError(
    'TEMPLATE_SYNTAX',
    `Penulisan tag pada templat salah (tag tidak ditutup atau tidak dibuka dengan benar) di: ${near.join(', ')}.`,
    `The template's tags are malformed: ${problems.join('; ')}.`,
    { problems },
  );
}

const checked = new WeakMap<Uint8Array, TemplateCheck>();

/** Reads the tags of a Word template (after `assertWordDocument`); remembered per bytes object. */
export function readTemplateTags(bytes: Uint8Array): TemplateCheck {
  const known = checked.get(bytes);
  if (known) return known;
  const inspect = loadLibs().inspect();
  compile(bytes, [inspect]);
  const structure = toTags(inspect.getAllStructuredTags() as unknown as Part[]);
  const tags = [...new Set(structure.map((t) => t.name))];
  const check = { tags, structure };
  checked.set(bytes, check);
  return check;
}

/**
 * The tags that name nothing the letter can fill: not a built-in, not one of the SOP's data
 * fields; inside a loop over a multiple file field, only `{nama}` and `{nomor}`.
 */
export function findUnknownTags(structure: TemplateTag[], fields: readonly DataField[]): string[] {
  const keys = new Map(fields.map((f) => [f.key, f]));
  const builtIn = new Set<string>(BUILT_IN_TAGS);
  const unknown = new Set<string>();
  const walk = (tags: TemplateTag[], loopItem: boolean) => {
    for (const tag of tags) {
      const field = keys.get(tag.name);
      const known =
        builtIn.has(tag.name) ||
        field !== undefined ||
        (loopItem && (LOOP_ITEM_TAGS as readonly string[]).includes(tag.name));
      if (!known) unknown.add(tag.name);
      if (tag.inner) walk(tag.inner, loopItem || (field?.type === 'file' && field.multiple === true));
    }
  };
  walk(structure, false);
  return [...unknown];
}

/** Checks an uploaded template against the SOP's fields: a Word document, tags well formed and known. */
export async function checkLetterTemplate(
  bytes: Uint8Array,
  fields: readonly DataField[],
): Promise<TemplateCheck> {
  await assertWordDocument(bytes);
  const check = readTemplateTags(bytes);
  const unknown = findUnknownTags(check.structure, fields);
  if (unknown.length) {
    const list = unknown.map((t) => `{${t}}`).join(', ');
    throw templateError(
      'TEMPLATE_UNKNOWN_TAGS',
      `Templat memuat tag yang tidak sesuai dengan data SOP ini: ${list}. Gunakan kunci data SOP atau tag bawaan ({nomor_surat}, {tanggal}, {kasus.nomor}, {instansi.nama} …).`,
      `The template has tags that name no data of this SOP: ${list}. Use the SOP's data keys or the built-in tags ({nomor_surat}, {tanggal}, {kasus.nomor}, {instansi.nama} …).`,
      { tags: unknown },
    );
  }
  return check;
}

/** Fills the template with `data` (flat keys, e.g. "kasus.nomor") and returns the DOCX bytes. */
export function renderLetter(bytes: Uint8Array, data: Record<string, LetterValue>): Uint8Array {
  return fillRenderedLetter(prepareLetter(bytes, data), '', '');
}

/** A letter rendered but not yet packed: its number can still be put in (`fillRenderedLetter`). */
export type RenderedLetter = PizZip;

/**
 * Renders the template with `data` (the number given as a placeholder), ready for its number. The
 * costly part of a letter happens here, before a serial is taken, so the counter's lock is held
 * only for the patch and the writes.
 */
export function prepareLetter(bytes: Uint8Array, data: Record<string, LetterValue>): RenderedLetter {
  const doc = compile(bytes);
  try {
    doc.render(data);
  } catch (error) {
    throw syntaxError(error);
  }
  return doc.getZip();
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Replaces `placeholder` (letters and digits only, so rendering left it intact) by `number` in
 * every part of the document (body, headers, footers) and packs the DOCX. Parts without it keep
 * their compressed bytes.
 */
export function fillRenderedLetter(zip: RenderedLetter, placeholder: string, number: string): Uint8Array {
  if (placeholder) {
    for (const name of Object.keys(zip.files)) {
      if (!/^word\/.*\.xml$/.test(name)) continue;
      const xml = zip.file(name)!.asText();
      if (xml.includes(placeholder)) zip.file(name, xml.split(placeholder).join(escapeXml(number)));
    }
  }
  return zip.generate({ type: 'uint8array', compression: 'DEFLATE' });
}
