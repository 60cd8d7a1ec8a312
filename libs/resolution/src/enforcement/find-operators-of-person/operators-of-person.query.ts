import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { SqlDatabase } from '@registry/event-store';
import {
  AttestedKind,
  ConfidenceLevel,
  IdentifierRef,
  OperatorProfile,
  OperatorSummary,
  PersonRef,
  VerificationMethod,
  describeOperator,
  identifierKey,
  mergePerson,
  personOf,
} from '../../domain';
import { PersonEvidence, PersonInOperator, PersonTie, personRole, personTies } from '../../domain/controllers/person-roles';
import { contains, periodOf } from '../../domain/facts/valid-period';
import { IdentityGraphReader, MAX_SHOPS, ReadPoint, Subjects, isPersonKind } from '../../reading/identity-graph.reader';
import { attestationsNaming, attestationsOn, shopsStatingAny } from '../../reading/person-facts';
import { reveal } from '../../reading/reveal';
import { ViewedOperator } from '../../operator-view/operator-view.store';
import { PersonKind } from './person-search.dto';

/** An attestation through which a phone, account or wallet named the person. */
interface FoundThrough {
  readonly factId: string;
  readonly identifier: IdentifierRef & { readonly kind: AttestedKind };
  readonly holder: PersonRef | null;
  readonly assertedBy: string;
  readonly recordId: string;
  readonly verification: VerificationMethod;
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

interface PersonOperator {
  readonly operatorId: string;
  readonly role: PersonInOperator['role'];
  /** Every shop of the operator; `ties` says how the person is tied to it, if at all. */
  readonly shops: readonly { shop: string; platformId: string; shopId: string; status: string | null; nomineeSuspected: boolean; ties: PersonTie['how'][] }[];
  readonly evidence: readonly PersonEvidence[];
  /** Who controls the operator, through what, how sure: the operator answer's first lines. */
  readonly summary: OperatorSummary;
  readonly confidence: ConfidenceLevel;
}

export interface OperatorsOfPerson {
  readonly point: ReadPoint;
  readonly subjects: Subjects;
  readonly person: PersonRef | null;
  readonly foundThrough: readonly FoundThrough[];
  readonly operators: readonly PersonOperator[];
  readonly truncated: boolean;
}

/** An identifier of a person, normalised already. */
export interface PersonIdentifier {
  readonly kind: PersonKind;
  readonly value: string;
}

/** Every operator a person controls or fronts, at `asOf`. */
export class FindOperatorsOfPerson extends Query<OperatorsOfPerson> {
  constructor(
    readonly identifier: PersonIdentifier,
    readonly asOf: Date | undefined,
  ) {
    super();
  }
}

/** The audit trail finds persons by ID number; a name is no key to anyone. */
const namedByIdNumber = (keys: readonly string[]) => keys.filter((key) => !key.startsWith('personName:'));

const ROLE_ORDER: Record<PersonInOperator['role'], number> = { controller: 0, nominee: 1, declaredOwner: 2 };

/** An operator the person is tied to, as the walk or the view describes it, and the ties. */
interface Tied {
  readonly profile: Pick<OperatorProfile, 'operatorId' | 'shops' | 'controllers' | 'summary' | 'confidence'>;
  readonly ties: readonly PersonTie[];
}

/** What the walk or the view found of the person's operators, and the values behind the tokens of an answer about them. */
interface Found {
  readonly tied: readonly Tied[];
  readonly truncated: boolean;
  readonly clearValues: (answer: unknown) => Promise<Map<string, string>>;
}

/** A person asked about, as found at a point: by an ID number, or as the one holder attested on an account, wallet or phone. */
interface Person {
  readonly person: PersonRef | null;
  readonly attestations: FoundThrough[];
  readonly sourcePositions: number[];
}

/**
 * The person is the one an ID number names, or the holder or subscriber a partner attests for an
 * account, wallet or phone on the read date. The shops tied to them (stating their ID, or stating
 * an account or phone the resolution attributes to them) are found, and each operator those shops
 * belong to is answered with the person's role in it: at "now" from the operator view (the ties
 * read from the shops' own facts), else, or while the view is not built, by walking the graph.
 */
@QueryHandler(FindOperatorsOfPerson)
export class FindOperatorsOfPersonHandler implements IQueryHandler<FindOperatorsOfPerson> {
  constructor(
    private readonly reader: IdentityGraphReader,
    private readonly db: SqlDatabase,
  ) {}

  async execute({ identifier, asOf }: FindOperatorsOfPerson): Promise<OperatorsOfPerson> {
    const viewed = asOf ? null : await this.fromView(identifier);
    return viewed ?? this.walkedAt(identifier, await this.reader.pointOf(asOf));
  }

  /** The answer at the point, walking the graph around the shops tied to the person. */
  async walkedAt(identifier: PersonIdentifier, point: ReadPoint): Promise<OperatorsOfPerson> {
    const answer = await this.answer(identifier, point, await this.personAt(identifier, point), async (personKey, candidates) => {
      const { graph, neighbourhood } = await this.reader.resolveFrom(candidates, point);
      const tiesByOperator = new Map<string, PersonTie[]>();
      for (const shop of candidates) {
        const ties = personTies(graph, shop, personKey);
        const operatorId = graph.operatorOf(shop);
        if (ties.length === 0 || operatorId === undefined) continue;
        tiesByOperator.set(operatorId, [...(tiesByOperator.get(operatorId) ?? []), ...ties]);
      }
      return {
        tied: [...tiesByOperator].map(([operatorId, ties]) => ({ profile: describeOperator(graph, operatorId)!, ties })),
        truncated: neighbourhood.truncated,
        clearValues: () => this.reader.clearValues(neighbourhood),
      };
    });
    // A walk always finds the operators at its point.
    return answer!;
  }

  /**
   * The answer at the operator view's point: the person and the candidate shops read at it, each
   * shop's operator from the view, the ties from the shops' own facts. Null while no view is built,
   * or when the view moved past a change of the graph while this was read, three times over.
   */
  private async fromView(identifier: PersonIdentifier): Promise<OperatorsOfPerson | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const point = await this.reader.viewPoint();
      if (!point) return null;
      const answer = await this.answer(identifier, point, await this.personAt(identifier, point), async (personKey, candidates) => {
        const [operators, { ties, sources }] = await Promise.all([
          this.reader.operatorsInViewAt(candidates, point),
          this.reader.personTiesAt(candidates, personKey, point),
        ]);
        if (!operators) return null;
        const tied = new Map<string, { operator: ViewedOperator; ties: PersonTie[] }>();
        for (const tie of ties) {
          const operator = operators.get(tie.shop);
          if (!operator) continue;
          const entry = tied.get(operator.operatorId) ?? { operator, ties: [] };
          entry.ties.push(tie);
          tied.set(operator.operatorId, entry);
        }
        const shownBy = [...sources, ...[...tied.values()].flatMap(({ operator }) => operator.sources)];
        return {
          tied: [...tied.values()].map(({ operator, ties }) => ({ profile: operator.answer, ties })),
          truncated: [...tied.values()].some(({ operator }) => operator.truncated),
          clearValues: (answer) => this.reader.clearValuesShown(answer, shownBy),
        };
      });
      if (answer) return answer;
    }
    return null;
  }

  /**
   * The answer at the point, with the operators `operatorsOf` finds the candidate shops tied to; null
   * when it cannot find them at this point (the view moved on: the caller reads again).
   */
  private async answer(
    identifier: PersonIdentifier,
    point: ReadPoint,
    found: Person,
    operatorsOf: (personKey: string, candidates: string[]) => Promise<Found | null>,
  ): Promise<OperatorsOfPerson | null> {
    const key = this.reader.keyOf(identifier.kind, identifier.value);
    const blind = key.slice(key.indexOf(':') + 1);
    // The value asked about is known in clear: the answer may name it before any event does.
    const clearOf = async (more: Promise<Map<string, string>>[]) =>
      new Map([[blind, identifier.value], ...(await this.reader.clearValuesAt(found.sourcePositions)), ...(await Promise.all(more)).flatMap((m) => [...m])]);
    // Revealed without the subjects: the audit trail names persons by blind index only.
    const nobody = async (truncated: boolean): Promise<OperatorsOfPerson> => ({
      point,
      ...reveal({ person: found.person, foundThrough: found.attestations, operators: [], truncated }, await clearOf([])),
      subjects: { shops: [], persons: found.person ? namedByIdNumber([found.person.key]) : [] },
    });
    if (found.person === null) return nobody(false);
    const personKey = found.person.key;

    // A person known by name only is joined to nothing by the name: only the identifier asked about ties them to shops.
    const identified = found.person.nationalId !== null || found.person.taxCode !== null;
    const accounts = identified ? (await attestationsNaming(this.db.reader, personKey, point.position)).facts.map((a) => identifierKey(a.identifier)) : [key];
    const candidates = await shopsStatingAny(this.db.reader, [...new Set([...(identified ? [personKey] : []), ...accounts])], point.position, MAX_SHOPS);
    const operators = await operatorsOf(personKey, candidates);
    if (operators === null) return null;
    const truncated = operators.truncated || candidates.length >= MAX_SHOPS;
    if (operators.tied.length === 0) return nobody(truncated);

    const described = operators.tied
      .map(({ profile, ties }) => ({ profile, ties, ...personRole(profile, personKey, ties) }))
      .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || b.profile.shops.length - a.profile.shops.length);
    const shops = [...new Set(described.flatMap((d) => d.profile.shops.map((s) => s.shop)))];
    const statuses = await this.reader.statusesOf(shops);
    const answered = described.map(({ profile, ties, role, evidence }): PersonOperator => ({
      operatorId: profile.operatorId,
      role,
      shops: profile.shops.map((s) => ({
        shop: s.shop,
        platformId: s.platformId,
        shopId: s.shop.slice(s.platformId.length + 1),
        status: statuses.get(s.shop) ?? null,
        nomineeSuspected: s.nomineeSuspected !== null,
        ties: [...new Set(ties.filter((t) => t.shop === s.shop).map((t) => t.how))],
      })),
      evidence,
      summary: profile.summary,
      confidence: { level: profile.confidence.level, value: profile.confidence.value },
    }));
    const person = described.reduce((known: PersonRef, d) => (d.person ? mergePerson(known, d.person) : known), found.person);
    // The persons the answer names: the one asked about, and whoever controls the shops they front.
    const persons = new Set([
      personKey,
      ...described.flatMap((d) => d.evidence.flatMap((e) => (e.kind === 'nomineeSuspected' && e.controlledBy ? [e.controlledBy.key] : []))),
    ]);
    // The answer is built before its values are read: only what it shows is read.
    const shown = { person, foundThrough: found.attestations, operators: answered, truncated };
    return {
      point,
      ...reveal(shown, await clearOf([operators.clearValues(shown)])),
      subjects: { shops, persons: namedByIdNumber([...persons]) },
    };
  }

  /** The person the identifier names at the point: by its ID number, or the one holder attested on it then. */
  private personAt(identifier: PersonIdentifier, point: ReadPoint): Promise<Person> {
    const key = this.reader.keyOf(identifier.kind, identifier.value);
    if (!isPersonKind(identifier.kind)) return this.holderOn(key, point);
    // Under the kind the key is matched under: a personal tax code names the person by their ID number.
    const at = key.indexOf(':');
    return Promise.resolve({ person: personOf({ [key.slice(0, at)]: key.slice(at + 1) }), attestations: [], sourcePositions: [] });
  }

  /** The one person a partner attests for an account, wallet or phone on the read date, with the attestations that say so; nobody when none or several do. */
  private async holderOn(key: string, point: ReadPoint): Promise<Person> {
    const read = await attestationsOn(this.db.reader, [key], point.position);
    const onDate = read.facts.filter((a) => contains(periodOf(a), point.date));
    const holders = onDate.map((a) => personOf(a.holder));
    const persons = new Map(holders.flatMap((holder) => (holder ? [[holder.key, holder] as const] : [])));
    const attestations = onDate.map((a, i) => ({
      factId: a.factId,
      identifier: a.identifier,
      holder: holders[i],
      assertedBy: a.provenance.assertedBy,
      recordId: a.provenance.sourceRef,
      verification: a.provenance.verification,
      validFrom: a.validFrom,
      validTo: a.validTo,
    }));
    return { person: persons.size === 1 ? [...persons.values()][0] : null, attestations, sourcePositions: read.sourcePositions };
  }
}
