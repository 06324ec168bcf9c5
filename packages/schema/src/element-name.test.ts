import { describe, expect, it } from 'vitest';
import { nameLane, nameNode, shortenKegiatan } from './element-name.ts';
import { sketch } from './testing/sketch.ts';

/*  kasi: (s) → [a] → [b] → (e)   — rowOrder puts b before a */
const doc = () => {
  const d = sketch({
    lanes: ['kasi'],
    nodes: ['s start kasi', 'a activity kasi', 'b activity kasi', 'e end kasi'],
    flows: ['s>a', 'a>b', 'b>e'],
  });
  d.rowOrder = ['b', 'a'];
  return d;
};

describe('nameNode', () => {
  it('names a step by its printed row and its Kegiatan', () => {
    const d = doc();
    d.nodes[1]!.kegiatan = 'Memeriksa berkas permohonan dan kelengkapan persyaratan administrasi';
    expect(nameNode(d, d.nodes[1]!).id).toBe('Langkah 2 «Memeriksa berkas permohonan dan…»');
    expect(nameNode(d, d.nodes[2]!).en).toBe('Step 1 «Kegiatan b»');
  });

  it('names a step without text by its row and lane, and the other symbols by kind', () => {
    const d = doc();
    d.nodes[2]!.kegiatan = ' ';
    expect(nameNode(d, d.nodes[2]!).id).toBe('Langkah 1 tanpa kegiatan (lajur KASI)');
    expect(nameNode(d, d.nodes[0]!).id).toBe('Simbol Mulai (lajur KASI)');
    expect(nameNode(d, d.nodes[3]!).en).toBe('The end (Selesai) (lane KASI)');
  });
});

describe('nameLane', () => {
  it('uses the lane name, or its column when unnamed', () => {
    const d = doc();
    expect(nameLane(d, d.lanes[0]!).id).toBe('Lajur «KASI»');
    d.lanes[0]!.name = '';
    expect(nameLane(d, d.lanes[0]!).id).toBe('Lajur ke-1 (tanpa nama)');
  });
});

describe('shortenKegiatan', () => {
  it('keeps short text, cuts long text at a word and collapses spaces', () => {
    expect(shortenKegiatan('  Menerima   surat ')).toBe('Menerima surat');
    expect(shortenKegiatan('a'.repeat(60))).toBe(`${'a'.repeat(40)}…`);
  });
});
