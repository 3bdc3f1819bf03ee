// A real HTTP webhook receiver on a loopback port: records every POST; answers as the test says.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with the n-th request (0-based): answer a status, or never answer. */
export type Behaviour = (n: number) => number | 'hang';

/** A running receiver. */
export interface Receiver {
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read payload fields freely
  bodies: any[];
  /** Every request, answered or not. */
  hits: number;
  close(): Promise<void>;
}

/** Starts a receiver; `behaviour` defaults to 200 for everything. */
export async function startReceiver(behaviour: Behaviour = () => 200): Promise<Receiver> {
  const hanging: ServerResponse[] = [];
  const receiver: Receiver = { url: '', bodies: [], hits: 0, close: async () => {} };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const n = receiver.hits++;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = behaviour(n);
      if (answer === 'hang') {
        hanging.push(response);
        return;
      }
      if (answer < 300) receiver.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hooks/T000/SECRET-TOKEN`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
