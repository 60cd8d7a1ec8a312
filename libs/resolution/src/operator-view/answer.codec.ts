import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The compact form the operator view stores an answer in (issue 12): the same JSON value, with
 * each object written as its keys' shape number followed by its values, and each string that
 * recurs (a blind index stated by a shop, named by a controller, a lead and a fact) written once
 * in a table and referred to by a number; a longer string holding a recurring blind index (a key,
 * a summary) is written as its pieces. `JSON.parse` reads it, then one walk rebuilds the value:
 * less than half the bytes of the answer's JSON, and about as fast to read. That text is stored
 * deflated against a fixed dictionary of the answers' vocabulary (DICTIONARY): under a quarter of its bytes.
 *
 * Form: `[strings, shapes, body]`, where in the body an object is `[shape, ...values]` (shape ≥ 0,
 * numbered after PRESET_SHAPES), an array `[-1, ...items]`, a string of pieces `[-2, ...pieces]`,
 * a negative number `[-3, number]`, and `-1 - n` stands for `strings[n]`.
 */
const ARRAY = -1;
const PIECES = -2;
const NEGATIVE = -3;
/** A blind index or another long token that the strings holding it may share. */
const TOKEN = /[A-Za-z0-9_-]{20,}/g;

/**
 * The shapes of an answer's objects, shared by every row rather than written in each. Append only:
 * stored rows refer to them by number. A shape not listed is written in the row.
 */
const PRESET_SHAPES: readonly (readonly string[])[] = [
  ['summary', 'operatorId', 'asOf', 'shops', 'controllers', 'hubs', 'nominees', 'leads', 'joins', 'confidence'],
  ['controller', 'through', 'confidence', 'text'],
  ['key', 'nationalId', 'taxCode', 'name'],
  ['level', 'value'],
  ['position', 'date'],
  ['shop', 'platformId', 'firstSeen', 'declaredOwners', 'nomineeSuspected'],
  ['shop', 'claim', 'role', 'person', 'verification', 'identityKeys', 'facts'],
  ['person', 'through', 'confidence', 'attested', 'why'],
  ['kind', 'shops', 'ofShops', 'value'],
  ['kind', 'shop', 'identifier', 'weight', 'verification', 'facts', 'text'],
  ['joinKey'],
  ['kind', 'value'],
  ['level', 'value', 'weakestJoin'],
  ['position', 'joinKey', 'basis', 'strength', 'edge', 'counterpart', 'joined'],
  ['factId', 'provenance', 'addedAt', 'removedAt', 'validFrom', 'validTo', 'kind', 'shop', 'identifier', 'role'],
  ['stream', 'sourceRef', 'assertedBy', 'verification', 'recordedAt'],
  ['shop', 'fact', 'identifier', 'role', 'declared', 'money', 'id', 'joinKey', 'basis', 'attribution', 'since'],
  ['shop', 'fact', 'identifier', 'role', 'declared', 'money', 'id', 'attribution', 'since', 'joinKey', 'basis'],
  ['status'],
  ['declared', 'controlledBy', 'reasons', 'evidence'],
  ['joinKey', 'moneyGroups'],
];
const PRESET_TRIE = shapeNode();
PRESET_SHAPES.forEach((keys, n) => addShape(PRESET_TRIE, keys, n));

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
type Packed = null | boolean | number | string | Packed[];

/**
 * What deflate may refer back to before a row's first byte: the words and phrases answers repeat
 * (roles, kinds, verification methods, the summary's and the reasons' wording, packed shapes).
 * Fixed: stored rows were deflated against it, so changing it means emptying the view (a migration).
 * Deflate reaches nearer text more cheaply, so the commonest words come last.
 */
const DICTIONARY = Buffer.from(
  [
    'legal_representative return_address warehouse pickup_point contact payout_account declared_owner',
    'bank_confirmation telecom_confirmation document_check nfc_chip vneid_level_1 vneid_level_2',
    'holderAttestation pickupPoint shopLink shopRegistered taxCode email eWallet bankAccount phone unattestedPhone',
    'attested subscriber of the phone attested holder of the payout account No person is known to control the ',
    "subscriber of 's  phone  when the shop gave it, attested by  holder of 's payout account ",
    '; the weakest join is a shared bankAccount (high, 0.9). the weakest join is a shared unattestedPhone (medium, 0.',
    '"unattested","status","bankAccount:","phone:","payout",',
    // A packed answer of two shops joined by their owner's national ID, its blind indexes and names left out.
    '[["nationalId:","","","shop:s1","nationalId:","","","shop-shop:s1#claim:legal#nationalId@1","shop-shop:s1#claim:legal#personName@1",',
    '"owner","declared_owner","document_check","shop-shop:s1#claim:owner#nationalId@2","shop-shop:s1#claim:owner#personName@2","shop:s2",',
    '"vneid_level_2","shop-shop:s2#claim:owner#nationalId@3","shop-shop:s2#claim:owner#personName@3","declaredOwner","personName","address",',
    '"nationalId","shop-shop:s2","","2026-01-01T00:00:00.000Z","shopIdentifier","shop-shop:s2#claim:owner#nationalId@3#0","shop-shop:s1","",',
    '"2026-01-01T00:00:00.000Z","shop-shop:s1#claim:owner#nationalId@2#0"],[],[0,[1,[2,-1,-2,null,-3],[-1,"declared owner of 2 of 2 shops"],',
    '[3,"low",0.35],[-2,-3,", national ID ",-2," controls the 2 shops on 2 platforms as declared owner of 2 of 2 shops. Confidence low (0.35): ',
    'as controller low (0.35); the weakest join is a shared nationalId (high, 0.9)."]],"op:shop:s1",[4,1,"2026-01-01"],[-1,[5,-4,"shop",1,',
    '[-1,[6,-4,"legal","",[2,-5,-6,null,-7],"none",[-1,-5],[-1,-8,-9]],[6,-4,-10,-11,[2,-1,-2,null,-3],-12,[-1,-1],[-1,-13,-14]]],null],',
    '[5,-15,"shop",1,[-1,[6,-15,-10,-11,[2,-1,-2,null,-3],-16,[-1,-1],[-1,-17,-18]]],null]],[-1,[7,[2,-1,-2,null,-3],[-1,[8,-19,2,2,0.35]],',
    '[3,"low",0.35],false,[-1,[9,-19,-15,null,0.5,-16,[-1,-17,-18],"declared owner of shop:s2 (claim owner, verified by vneid_level_2)"],',
    '[9,-19,-4,null,0.2,-12,[-1,-13,-14],"declared owner of shop:s1 (claim owner, verified by document_check)"]]],[7,[2,-5,-6,null,-7],',
    '[-1,[8,-19,1,2,0.025]],[3,"low",0.03],false,[-1,[9,-19,-4,null,0.05,"none",[-1,-8,-9],"legal representative of shop:s1 ',
    '(claim legal, verified by none)"]]]],[-1],[-1],[-1,[11,-20,-3],[11,-21,""],[11,-20,-7],[11,-21,""]],[-1,[13,1,-1,-22,0.9,',
    '[16,-15,[14,-17,[15,-23,-10,-24,-16,-25],1,null,null,null,-26,-15,[11,-22,-2],-11],[11,-22,-2],-11,true,false,-27,-1,-22,null,1],',
    '[16,-4,[14,-13,[15,-28,-10,-29,-12,-30],2,null,null,null,-26,-4,[11,-22,-2],-11],[11,-22,-2],-11,true,false,-31,-1,-22,null,2],',
    '[-1,[-1,-15],[-1,-4]]]],[12,"high",0.9,[13,1,-1,-22,0.9,[16,-15,[14,-17,[15,-23,-10,-24,-16,-25],1,null,null,null,-26,-15,',
    '[11,-22,-2],-11],[11,-22,-2],-11,true,false,-27,-1,-22,null,1],[16,-4,[14,-13,[15,-28,-10,-29,-12,-30],2,null,null,null,-26,-4,',
    '[11,-22,-2],-11],[11,-22,-2],-11,true,false,-31,-1,-22,null,2],[-1,[-1,-15],[-1,-4]]]]]]',
    // The same of one shop: what most rows look like, so it comes last.
    '[["nationalId:","","","medium","shop:s","vneid_level_2","shop-shop:s#claim:owner#nationalId@1","shop-shop:s#claim:owner#personName@1",',
    '"declaredOwner","address"],[],[0,[1,[2,-1,-2,null,-3],[-1,"declared owner of 1 of 1 shop"],[3,-4,0.5],[-2,-3,", national ID ",-2,',
    '" controls the 1 shop on 1 platform as declared owner of 1 of 1 shop. Confidence medium (0.5): as controller medium (0.5); one shop."]],',
    '"op:shop:s",[4,1,"2026-01-01"],[-1,[5,-5,"shop",1,[-1,[6,-5,"owner","declared_owner",[2,-1,-2,null,-3],-6,[-1,-1],[-1,-7,-8]]],null]],',
    '[-1,[7,[2,-1,-2,null,-3],[-1,[8,-9,1,1,0.5]],[3,-4,0.5],false,[-1,[9,-9,-5,null,0.5,-6,[-1,-7,-8],"declared owner of shop:s ',
    '(claim owner, verified by vneid_level_2)"]]]],[-1],[-1],[-1,[11,"personName",-3],[11,-10,""],[11,-10,""]],[-1],[12,"high",1,null]]]',
  ].join(''),
);

/** A JSON value packed (each string once, shapes by number) as the text that is deflated to store it. */
export function packedText(value: unknown): string {
  return JSON.stringify(new Packer(value as Json).packed());
}

/** The stored form of a JSON value (keys whose value is undefined are left out, as JSON.stringify does). */
export function packAnswer(value: unknown): Buffer {
  return deflateRawSync(packedText(value), { dictionary: DICTIONARY });
}

/** The JSON value a stored form holds. */
export function unpackAnswer(stored: Buffer): unknown {
  const [strings, own, body] = JSON.parse(inflateRawSync(stored, { dictionary: DICTIONARY }).toString()) as [string[], string[][], Packed];
  const shapes = own.length === 0 ? PRESET_SHAPES : [...PRESET_SHAPES, ...own];
  const unpack = (value: Packed): unknown => {
    if (typeof value === 'number') return value < 0 ? strings[-1 - value] : value;
    if (value === null || typeof value !== 'object') return value;
    const head = value[0] as number;
    if (head === ARRAY) {
      const items = new Array<unknown>(value.length - 1);
      for (let n = 1; n < value.length; n++) items[n - 1] = unpack(value[n]);
      return items;
    }
    if (head === PIECES) {
      let joined = '';
      for (let n = 1; n < value.length; n++) joined += unpack(value[n]) as string;
      return joined;
    }
    if (head === NEGATIVE) return value[1];
    const keys = shapes[head];
    const object: Record<string, unknown> = {};
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n];
      // Assigning `__proto__` would set the prototype: a key of that name is an own property, as JSON.parse makes it.
      if (key === '__proto__') Object.defineProperty(object, key, { value: unpack(value[n + 1]), enumerable: true, writable: true, configurable: true });
      else object[key] = unpack(value[n + 1]);
    }
    return object;
  };
  return unpack(body);
}

/** A node of the shapes' trie: the shape number of the keys that lead to it, and the nodes one key further. */
interface ShapeNode {
  number?: number;
  readonly next: Map<string, ShapeNode>;
}

function shapeNode(): ShapeNode {
  return { next: new Map() };
}

/** Adds a shape's keys to the trie under `root` and numbers the node they lead to. */
function addShape(root: ShapeNode, keys: readonly string[], number: number): void {
  let node = root;
  for (const key of keys) {
    let next = node.next.get(key);
    if (next === undefined) node.next.set(key, (next = shapeNode()));
    node = next;
  }
  node.number = number;
}

/**
 * A long string's tokens, with where each starts. Shorter strings hold none (a token has at
 * least MIN_TOKEN characters), and most of an answer's strings are short.
 */
interface Token {
  readonly text: string;
  readonly index: number;
}
const MIN_TOKEN = 20;

/**
 * Packs one value. Strings recur in an answer (a blind index named by a shop, a controller, a
 * lead and a fact), so each string's tokens are found once, when the uses are counted, and kept
 * for the packing; a shape is found by walking its keys down a trie, not by writing them as JSON
 * (issue 14: packing was 5% of a bulk onboarding's CPU).
 */
class Packer {
  private readonly uses = new Map<string, number>();
  private readonly tokens = new Map<string, readonly Token[]>();
  private readonly strings: string[] = [];
  private readonly refs = new Map<string, number>();
  private readonly shapes: string[][] = [];
  /** The shapes this value adds, after the presets; a trie of their own so that the presets' is shared. */
  private readonly ownShapes = shapeNode();

  constructor(private readonly value: Json) {
    this.count(value);
  }

  packed(): [string[], string[][], Packed] {
    const body = this.pack(this.value);
    return [this.strings, this.shapes, body];
  }

  private count(value: Json): void {
    if (typeof value === 'string') {
      this.use(value);
      if (value.length < MIN_TOKEN) return;
      let tokens = this.tokens.get(value);
      if (tokens === undefined) this.tokens.set(value, (tokens = tokensOf(value)));
      for (const token of tokens) if (token.text !== value) this.use(token.text);
    } else if (Array.isArray(value)) for (const item of value) this.count(item);
    else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) this.count((value as Record<string, Json>)[key]);
  }

  private use(text: string): void {
    this.uses.set(text, (this.uses.get(text) ?? 0) + 1);
  }

  private pack(value: Json): Packed {
    if (typeof value === 'string') return this.packString(value);
    if (typeof value === 'number') return value < 0 ? [NEGATIVE, value] : value;
    if (Array.isArray(value)) {
      const packed: Packed[] = [ARRAY];
      for (const item of value) packed.push(this.pack(item));
      return packed;
    }
    if (value !== null && typeof value === 'object') {
      const object = value as Record<string, Json | undefined>;
      const keys = Object.keys(object).filter((key) => object[key] !== undefined);
      const packed: Packed[] = [this.shapeOf(keys)];
      for (const key of keys) packed.push(this.pack(object[key]!));
      return packed;
    }
    return value as Packed;
  }

  private packString(text: string): Packed {
    if (text.length > 4 && this.uses.get(text)! > 1) return this.ref(text);
    if (text.length < MIN_TOKEN) return text;
    const pieces: Packed[] = [];
    let from = 0;
    for (const token of this.tokens.get(text)!) {
      if (this.uses.get(token.text)! < 2) continue;
      if (token.index > from) pieces.push(text.slice(from, token.index));
      pieces.push(this.ref(token.text));
      from = token.index + token.text.length;
    }
    if (pieces.length === 0) return text;
    if (from < text.length) pieces.push(text.slice(from));
    return [PIECES, ...pieces];
  }

  private ref(text: string): number {
    let n = this.refs.get(text);
    if (n === undefined) {
      n = this.strings.length;
      this.strings.push(text);
      this.refs.set(text, n);
    }
    return -1 - n;
  }

  private shapeOf(keys: string[]): number {
    const preset = numberOf(PRESET_TRIE, keys);
    if (preset !== undefined) return preset;
    const own = numberOf(this.ownShapes, keys);
    if (own !== undefined) return own;
    const number = PRESET_SHAPES.length + this.shapes.length;
    this.shapes.push(keys);
    addShape(this.ownShapes, keys, number);
    return number;
  }
}

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ text: match[0], index: match.index });
  return tokens;
}

/** The number of the shape these keys make in the trie, if it holds it. */
function numberOf(root: ShapeNode, keys: readonly string[]): number | undefined {
  let node: ShapeNode | undefined = root;
  for (let n = 0; n < keys.length && node !== undefined; n++) node = node.next.get(keys[n]);
  return node?.number;
}
