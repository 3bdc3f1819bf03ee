// The haproxy target's part of the Pool schema (npm run schema writes it into schemas/pool.schema.json).
import type { TargetSchema } from '../descriptor.ts';

/** `$defs/haproxyTarget` and the HAProxy name it uses. */
export const haproxySchema: TargetSchema = {
  target: {
    type: 'object',
    additionalProperties: false,
    required: ['driver', 'socket', 'backends'],
    properties: {
      driver: {
        description: "haproxy: drain and ready servers through HAProxy's runtime API.",
        enum: ['haproxy'],
      },
      socket: {
        description:
          "HAProxy's runtime API (`stats socket … level admin`): a unix socket path such as /run/haproxy/admin.sock, or tcp://127.0.0.1:9999 on loopback.",
        type: 'string',
        pattern:
          '^(/[^\\s;]{1,200}|tcp://(localhost|127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}|\\[::1\\]):[0-9]{1,5})$',
        'x-hint':
          'runtime API socket (an absolute unix socket path, or tcp://127.0.0.1:PORT on loopback)',
      },
      backends: {
        description:
          "The HAProxy backends this pool's servers serve in; each is drained and readied as a unit.",
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: {
          $ref: '#/$defs/haproxyName',
        },
      },
      servers: {
        description:
          'HAProxy server names for pool servers whose name in HAProxy differs (default: the pool server name as written).',
        type: 'object',
        propertyNames: {
          $ref: '#/$defs/hostName',
        },
        additionalProperties: {
          $ref: '#/$defs/haproxyName',
        },
      },
    },
  },
  defs: {
    haproxyName: {
      description: 'An HAProxy backend or server name.',
      type: 'string',
      pattern: '^[A-Za-z0-9_.:-]{1,64}$',
      'x-hint': "HAProxy name (1 to 64 letters, digits, '_', '.', ':' or '-')",
    },
  },
};
