// The windows target's part of the Pool schema (npm run schema writes it into schemas/pool.schema.json).
import type { TargetSchema } from '../descriptor.ts';

/** `$defs/windowsTarget` and the session sources it uses. */
export const windowsSchema: TargetSchema = {
  target: {
    type: 'object',
    additionalProperties: false,
    required: ['driver'],
    properties: {
      driver: {
        description: 'windows: real Windows servers.',
        enum: ['windows'],
      },
      via: {
        description:
          'How to reach the servers. ssh (default): the system OpenSSH client runs powershell.exe on each server (Linux CI runners). cim: the local powershell.exe uses CIM/WinRM with -ComputerName (a Windows management host). sc: sc.exe \\\\server (a Windows management host; no session counters).',
        enum: ['ssh', 'cim', 'sc'],
      },
      user: {
        description: "ssh login name (default: ssh's own default).",
        type: 'string',
        pattern: '^[A-Za-z0-9._@\\\\-]{1,104}$',
        'x-hint': "user name (letters, digits, '.', '_', '@', '\\\\' or '-')",
      },
      port: {
        description: 'ssh port (default 22).',
        type: 'integer',
        minimum: 1,
        maximum: 65535,
      },
      identityFile: {
        description: "Private key for ssh (default: ssh's own; the agent works too). Never logged.",
        type: 'string',
        minLength: 1,
        maxLength: 1024,
        pattern: '^[^\\r\\n]+$',
      },
      knownHostsFile: {
        description:
          "known_hosts file that holds the servers' host keys; host keys are always checked.",
        type: 'string',
        minLength: 1,
        maxLength: 1024,
        pattern: '^[^\\r\\n]+$',
      },
      connectTimeout: {
        description: 'How long ssh may take to connect. Default 10s.',
        $ref: '#/$defs/duration',
      },
      sessions: {
        description:
          'Where each service\'s open sessions come from. `lync`: every Lync Server 2013 / Skype for Business service its preset (docs/drivers.md, "Session presets"). Or per service: a preset name (lync-conferences, lync-frontend, lync-registrations, lync-mediation, lync-avmcu, lync-immcu, lync-asmcu, lync-avedge), a performance counter path, or a list of counter paths whose values are summed. Without one, sessions are unknown and health is Paused.',
        if: {
          type: 'string',
        },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else
        then: {
          enum: ['lync'],
        },
        else: {
          type: 'object',
          propertyNames: {
            $ref: '#/$defs/serviceName',
          },
          additionalProperties: {
            $ref: '#/$defs/sessionSource',
          },
        },
      },
    },
  },
  defs: {
    sessionSource: {
      description:
        'A session preset name, a performance counter path, or a list of counter paths (summed).',
      if: {
        type: 'array',
      },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else
      then: {
        type: 'array',
        minItems: 1,
        maxItems: 16,
        items: {
          $ref: '#/$defs/counterPath',
        },
      },
      else: {
        if: {
          type: 'string',
          pattern: '^\\\\',
        },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else
        then: {
          $ref: '#/$defs/counterPath',
        },
        else: {
          enum: [
            'lync-conferences',
            'lync-frontend',
            'lync-registrations',
            'lync-mediation',
            'lync-avmcu',
            'lync-immcu',
            'lync-asmcu',
            'lync-avedge',
          ],
        },
      },
    },
    counterPath: {
      type: 'string',
      minLength: 2,
      maxLength: 400,
      pattern: '^\\\\[^\\r\\n]+$',
      'x-hint':
        'performance counter path such as \\LS:SIP - Peers(Clients)\\SIP - Connections Active',
    },
  },
};
