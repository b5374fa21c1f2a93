import { defaultLimit, maxLimit } from './list-query.js';

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const common = {
  '401': errorResponse('A key is required (setting `api.requireKey`) and none, or an unknown one, was sent.'),
  '429': {
    ...errorResponse('Too many requests, or too many failed keys, from this key or address.'),
    headers: { 'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer' } } },
  },
};

const etagHeader = { ETag: { description: 'Strong validator; send it back in If-None-Match.', schema: { type: 'string' } } };
const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'An ETag from an earlier answer: 304 when the resource has not changed.',
  schema: { type: 'string' },
};

/** The OpenAPI 3.1 description of the content API, served at `/api/v1/openapi.json`. */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lede content API',
      version: '1.0.0',
      description:
        'Published stories as IPTC ninjs 2.x, newest first. Killed stories leave the list at once; their item answers with pubstatus "canceled". Stories whose source does not license the API are never served.',
    },
    servers: [{ url: `${publicUrl.replace(/\/+$/, '')}/api/v1` }],
    security: [{}, { bearer: [] }, { apiKey: [] }],
    paths: {
      '/articles': {
        get: {
          operationId: 'listArticles',
          summary: 'Published articles, newest first, with cursor pagination.',
          parameters: [
            {
              name: 'limit',
              in: 'query',
              required: false,
              description: `Items per page, from 1 to ${maxLimit}.`,
              schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: defaultLimit },
            },
            {
              name: 'cursor',
              in: 'query',
              required: false,
              description: 'The `next_cursor` of the previous page, as given. Pages stay stable while new stories are published.',
              schema: { type: 'string' },
            },
            {
              name: 'section',
              in: 'query',
              required: false,
              description: 'Only this section (slug, e.g. `world`).',
              schema: { type: 'string' },
            },
            {
              name: 'source',
              in: 'query',
              required: false,
              description: 'Only this source (slug, e.g. `mpa`).',
              schema: { type: 'string' },
            },
            {
              name: 'since',
              in: 'query',
              required: false,
              description: 'Only articles first published at or after this RFC 3339 time.',
              schema: { type: 'string', format: 'date-time' },
            },
            {
              name: 'uri',
              in: 'query',
              required: false,
              description: "Only the article with this source uri (the wire's own identifier).",
              schema: { type: 'string' },
            },
            ifNoneMatch,
          ],
          responses: {
            '200': {
              description: 'A page of articles.',
              headers: etagHeader,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ArticlePage' } } },
            },
            '304': { description: 'Not modified since the ETag sent in If-None-Match.' },
            '400': errorResponse('A query parameter is invalid; `error.field` names it.'),
            ...common,
          },
        },
      },
      '/articles/{id}': {
        get: {
          operationId: 'getArticle',
          summary: 'One article by its Lede id; a killed one answers with pubstatus "canceled" and no body.',
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'The opaque Lede id (altids role `lede-id`).',
              schema: { type: 'string' },
            },
            ifNoneMatch,
          ],
          responses: {
            '200': {
              description: 'The article as ninjs 2.x.',
              headers: etagHeader,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Ninjs' } } },
            },
            '304': { description: 'Not modified since the ETag sent in If-None-Match.' },
            '404': errorResponse('No such article, not published, or not licensed for the API.'),
            ...common,
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This description.',
          security: [{}],
          responses: { '200': { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A key from `lede apikey add NAME`.' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'The same key, in its own header.' },
      },
      schemas: {
        ArticlePage: {
          type: 'object',
          required: ['items', 'next_cursor'],
          properties: {
            items: { type: 'array', items: { $ref: '#/components/schemas/Ninjs' } },
            next_cursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' },
          },
        },
        Ninjs: {
          type: 'object',
          description:
            'IPTC ninjs 2.x (http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json) plus the Lede extensions `dateline` and `keywords`.',
          required: ['uri', 'pubstatus'],
          properties: {
            uri: { type: 'string', format: 'uri' },
            version: { type: 'string' },
            type: { type: 'string' },
            pubstatus: { type: 'string', enum: ['usable', 'withheld', 'canceled'] },
            headlines: { type: 'array', items: { type: 'object' } },
            bodies: { type: 'array', items: { type: 'object' } },
            altids: {
              type: 'array',
              description: 'role `lede-id` (our id), `source-uri` (the wire uri), `canonical-url` (our page).',
              items: { type: 'object', properties: { role: { type: 'string' }, value: { type: 'string' } } },
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
            },
          },
        },
      },
    },
  };
}
