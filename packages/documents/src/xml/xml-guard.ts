/**
 * A linear pre-scan of XML before any parser sees it: no DTD (so no entity can ever be declared or
 * expanded: "billion laughs", external entities), bounded nesting depth and bounded text runs.
 * It works on chunks, so archive entries can be checked while they inflate.
 */

export interface XmlLimits {
  /** Deepest element nesting allowed (Word tables nest; 256 is far beyond any real document). */
  maxDepth: number;
  /** Longest run of text, CDATA, or a single tag with its attributes, in characters. */
  maxTextChars: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 256, maxTextChars: 5_000_000 };

export type XmlLimitKind = 'dtd' | 'depth' | 'text';

/** The XML breaks one of the guard's rules; `messages` names the rule (Indonesian, English). */
export class XmlLimitError extends Error {
  override name = 'XmlLimitError';
  readonly code = 'XML_NOT_ALLOWED';
  constructor(
    readonly limit: XmlLimitKind,
    readonly messages: { id: string; en: string },
  ) {
    super(messages.en);
  }
}

type State = 'text' | 'lt' | 'bang' | 'tag' | 'endtag' | 'pi' | 'comment' | 'cdata';

/** A stateful scanner: `push` chunks of XML text in order; it throws `XmlLimitError` on a breach. */
export class XmlGuard {
  private state: State = 'text';
  private depth = 0;
  private run = 0;
  private quote = '';
  private prev = '';
  private prev2 = '';
  private bang = '';

  constructor(private readonly limits: XmlLimits = DEFAULT_XML_LIMITS) {}

  /** Scans the next chunk of the document. */
  push(chunk: string): void {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      switch (this.state) {
        case 'text':
          if (c === '<') {
            this.state = 'lt';
            this.run = 0;
          } else this.count();
          break;
        case 'lt':
          if (c === '/') this.state = 'endtag';
          else if (c === '?') this.state = 'pi';
          else if (c === '!') {
            this.state = 'bang';
            this.bang = '';
          } else {
            this.state = 'tag';
            this.quote = '';
            this.open();
          }
          break;
        case 'bang':
          this.bang += c;
          if (this.bang === '--') this.state = 'comment';
          else if (this.bang === '[CDATA[') {
            this.state = 'cdata';
            this.run = 0;
          } else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) this.refuseDtd();
          break;
        case 'tag':
          this.count();
          if (this.quote) {
            if (c === this.quote) this.quote = '';
          } else if (c === '"' || c === "'") this.quote = c;
          else if (c === '>') {
            if (this.prev === '/') this.depth--;
            this.toText();
          }
          break;
        case 'endtag':
          this.count();
          if (c === '>') {
            this.depth--;
            this.toText();
          }
          break;
        case 'pi':
          this.count();
          if (c === '>' && this.prev === '?') this.toText();
          break;
        case 'comment':
          if (c === '>' && this.prev === '-' && this.prev2 === '-') this.toText();
          break;
        case 'cdata':
          this.count();
          if (c === '>' && this.prev === ']' && this.prev2 === ']') this.toText();
          break;
      }
      this.prev2 = this.prev;
      this.prev = c;
    }
  }

  private toText() {
    this.state = 'text';
    this.run = 0;
  }

  private count() {
    if (++this.run > this.limits.maxTextChars) {
      const n = this.limits.maxTextChars.toLocaleString('id-ID');
      throw new XmlLimitError('text', {
        id: `XML memuat teks atau tag yang lebih panjang dari ${n} karakter (batas panjang teks).`,
        en: `The XML holds a text or tag longer than ${this.limits.maxTextChars} characters (text length limit).`,
      });
    }
  }

  private open() {
    this.run = 1;
    if (++this.depth > this.limits.maxDepth) {
      throw new XmlLimitError('depth', {
        id: `XML bersarang lebih dalam dari ${this.limits.maxDepth} tingkat (batas kedalaman).`,
        en: `The XML nests deeper than ${this.limits.maxDepth} levels (nesting depth limit).`,
      });
    }
  }

  private refuseDtd(): never {
    throw new XmlLimitError('dtd', {
      id: 'XML memuat DTD (<!DOCTYPE …> atau <!ENTITY …>); demi keamanan DTD dan entitas tidak pernah diproses.',
      en: 'The XML holds a DTD (<!DOCTYPE …> or <!ENTITY …>); for safety DTDs and entities are never processed.',
    });
  }
}

/** Checks a whole XML text at once (see `XmlGuard`); throws `XmlLimitError` on a breach. */
export function assertXmlWithinLimits(xml: string, limits: XmlLimits = DEFAULT_XML_LIMITS): void {
  new XmlGuard(limits).push(xml);
}
