import { Type, type Static } from 'typebox';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): what clients send, checked at the
 * edge, and the shapes we answer with (test/fixtures/open311/ holds the published JSON schemas;
 * the tests validate every response against them). Field names are the spec's, not ours.
 */

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

const FormatSchema = Type.Unsafe<Format>({ type: 'string', enum: [...FORMATS] });
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

/** Every query and form takes jurisdiction_id; we serve one county, so it is accepted and ignored. */
const Jurisdiction = { jurisdiction_id: Text(100) };

export const FormatParamsSchema = Type.Object({ format: FormatSchema });
export const ServiceParamsSchema = Type.Object({ service_code: Type.String({ maxLength: 40 }), format: FormatSchema });
export const RequestParamsSchema = Type.Object({ service_request_id: Type.String({ maxLength: 64 }), format: FormatSchema });
export const TokenParamsSchema = Type.Object({ token: Type.String({ maxLength: 64 }), format: FormatSchema });

export const JurisdictionQuerySchema = Type.Object(Jurisdiction);

/** A read that shows more to a client with a key: exact place and full text (see docs/OPEN311.md). */
const ApiKey = { api_key: Text(200) };
export const RequestQuerySchema = Type.Object({ ...Jurisdiction, ...ApiKey });
export type RequestQuery = Static<typeof RequestQuerySchema>;

/**
 * POST Service Request, form-encoded (or JSON). Extra fields (attribute[...], device_id, …) are
 * accepted and ignored, as the spec lets a server ignore what it does not use.
 */
export const PostRequestBodySchema = Type.Object(
  {
    ...Jurisdiction,
    /** Checked before this schema runs, so a caller without a valid key learns nothing else (403). */
    api_key: Text(200),
    service_code: Type.String({ minLength: 1, maxLength: 40 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Text(200),
    address_id: Text(100),
    email: Text(200),
    device_id: Text(200),
    account_id: Text(200),
    first_name: Text(25),
    last_name: Text(25),
    phone: Text(20),
    description: Text(4000),
    media_url: Text(500),
  },
  { additionalProperties: true },
);
export type PostRequestBody = Static<typeof PostRequestBodySchema>;

export const RequestsQuerySchema = Type.Object(
  {
    ...Jurisdiction,
    ...ApiKey,
    /** Comma-separated order numbers; overrides every other argument. */
    service_request_id: Text(2200),
    /** Comma-separated service codes. */
    service_code: Text(1000),
    start_date: Text(40),
    end_date: Text(40),
    /** open, closed, or both comma-separated. */
    status: Text(20),
    /** The pagination extension (wiki.open311.org/GeoReport_v2/Extensions). */
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: true },
);
export type RequestsQuery = Static<typeof RequestsQuerySchema>;

export const UpdatesQuerySchema = Type.Object({ ...Jurisdiction, start_date: Text(40), end_date: Text(40) }, { additionalProperties: true });
export type UpdatesQuery = Static<typeof UpdatesQuerySchema>;

// ---- Responses (the spec's field names; nulls are written as empty elements in XML) ---------

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: never[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** POST answer: we create synchronously, so both the id and a token (for clients that poll tokens). */
export interface Open311Created {
  service_request_id: string;
  token: string;
  service_notice: string | null;
  account_id: null;
}

export interface Open311Token {
  service_request_id: string;
  token: string;
}

/** The servicerequestupdates extension (mySociety/FixMyStreet): one timeline event. */
export interface Open311Update {
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url: null;
}

export interface Open311Error {
  code: number;
  description: string;
}

export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: { specification: string; url: string; changeset: string; type: 'production' | 'test'; formats: string[] }[];
}
